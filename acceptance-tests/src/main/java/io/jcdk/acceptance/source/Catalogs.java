package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.testing.ProtocolSchema;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.SyncMode;
import java.util.ArrayList;
import java.util.List;

/** Configured catalogs for the read suites: from a file, or derived from what {@code discover} found. */
final class Catalogs {

  private Catalogs() {}

  static ConfiguredAirbyteCatalog parse(JsonNode node, String source) {
    List<String> problems = ProtocolSchema.get().configuredCatalogProblems(node);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + " is not a valid configured catalog: " + String.join("; ", problems));
    }
    try {
      return Json.mapper().treeToValue(node, ConfiguredAirbyteCatalog.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(source + " is not a configured catalog: " + e.getMessage(), e);
    }
  }

  static JsonNode toJson(ConfiguredAirbyteCatalog catalog) {
    return Json.mapper().valueToTree(catalog);
  }

  /** The one catalog a discover run printed; fails the check when there is none. */
  static AirbyteCatalog discovered(Transcript discover) {
    if (discover.catalogs().size() != 1) {
      throw Check.fail("cannot derive a catalog: discover printed " + discover.catalogs().size()
          + " CATALOG messages\n  " + discover.diagnostics());
    }
    return discover.catalogs().get(0);
  }

  /** Every stream in full refresh. */
  static ConfiguredAirbyteCatalog fullRefresh(AirbyteCatalog catalog) {
    List<ConfiguredAirbyteStream> streams = new ArrayList<>();
    for (AirbyteStream s : catalog.streams()) {
      streams.add(ConfiguredAirbyteStream.of(s, SyncMode.FULL_REFRESH, DestinationSyncMode.OVERWRITE)
          .withPrimaryKey(s.sourceDefinedPrimaryKey()));
    }
    return ConfiguredAirbyteCatalog.of(streams);
  }

  /** Every stream that supports incremental, in incremental with its default cursor; others left out. */
  static ConfiguredAirbyteCatalog incremental(AirbyteCatalog catalog) {
    List<ConfiguredAirbyteStream> streams = new ArrayList<>();
    for (AirbyteStream s : catalog.streams()) {
      boolean incremental = s.supportedSyncModes() != null && s.supportedSyncModes().contains(SyncMode.INCREMENTAL);
      boolean hasCursor = Boolean.TRUE.equals(s.sourceDefinedCursor())
          || s.defaultCursorField() != null && !s.defaultCursorField().isEmpty();
      if (incremental && hasCursor) {
        streams.add(ConfiguredAirbyteStream.of(s, SyncMode.INCREMENTAL, DestinationSyncMode.APPEND)
            .withCursorField(s.defaultCursorField())
            .withPrimaryKey(s.sourceDefinedPrimaryKey()));
      }
    }
    return ConfiguredAirbyteCatalog.of(streams);
  }

  /** The same streams, all in full refresh (the full refresh suite's reads). */
  static ConfiguredAirbyteCatalog asFullRefresh(ConfiguredAirbyteCatalog catalog) {
    List<ConfiguredAirbyteStream> streams = new ArrayList<>();
    for (ConfiguredAirbyteStream s : catalog.streams()) {
      streams.add(new ConfiguredAirbyteStream(s.stream(), SyncMode.FULL_REFRESH, s.cursorField(),
          DestinationSyncMode.OVERWRITE, s.destinationObjectName(), s.primaryKey(), s.generationId(),
          s.minimumGenerationId(), s.syncId(), s.includeFiles(), s.additionalProperties()));
    }
    return ConfiguredAirbyteCatalog.of(streams);
  }

  /** Whether {@code path} (field names) leads to a declared property of {@code schema}. */
  static boolean hasPath(JsonNode schema, List<String> path) {
    JsonNode node = schema;
    for (String field : path) {
      JsonNode next = node.path("properties").get(field);
      if (next == null) {
        return false;
      }
      node = next;
    }
    return true;
  }
}
