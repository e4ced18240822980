package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.DiscoveryTest;
import io.jcdk.testing.JsonSchemas;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code discover}: one CATALOG whose streams have unique names, valid draft-07 object schemas,
 * cursors and primary keys that exist in the schema, and at least one sync mode.
 */
public final class DiscoverySuite {

  private final Lazy<Transcript> run;

  private DiscoverySuite(Lazy<Transcript> run) {
    this.run = run;
  }

  public static CheckGroup group(SuiteContext context, DiscoveryTest test, String name) {
    if (test.configPath() == null) {
      throw new IllegalArgumentException(name + " needs a config_path");
    }
    RunLog log = context.newLog("discovery");
    DiscoverySuite suite = new DiscoverySuite(Lazy.of(() -> {
      JsonNode config = context.fixtures().json(test.configPath());
      return log.run(Invocation.discover(config).withTimeout(SuiteContext.timeout(test.timeoutSeconds())), config);
    }));
    return new CheckGroup("discovery", name, List.of(
        Check.of("discovery.single_catalog", "prints exactly one CATALOG with streams and exits 0", suite::single),
        Check.of("discovery.unique_stream_names", "stream names are unique within a namespace", suite::unique),
        Check.of("discovery.valid_schemas", "every stream's json_schema is a valid draft-07 object schema",
            suite::validSchemas),
        Check.of("discovery.cursors_in_schema", "default cursor fields exist in the stream schema", suite::cursors),
        Check.of("discovery.primary_keys_in_schema", "primary key fields exist in the stream schema",
            suite::primaryKeys),
        Check.of("discovery.sync_modes", "every stream declares at least one sync mode", suite::syncModes),
        log.conformanceCheck()));
  }

  private AirbyteCatalog catalog() {
    Transcript t = run.get();
    if (t.catalogs().size() != 1) {
      throw Check.fail("discover must print exactly one CATALOG, printed " + t.catalogs().size() + "\n  "
          + t.diagnostics());
    }
    return t.catalogs().get(0);
  }

  private void single() {
    Transcript t = run.get();
    if (!t.succeeded() || !t.errors().isEmpty()) {
      throw Check.fail("discover must exit 0 without a TRACE error\n  " + t.diagnostics());
    }
    if (catalog().streams().isEmpty()) {
      throw Check.fail("the catalog has no streams: the config sees nothing to read");
    }
  }

  private void unique() {
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (AirbyteStream s : catalog().streams()) {
      if (!seen.add(s.descriptor().displayName())) {
        duplicates.add("'" + s.descriptor().displayName() + "'");
      }
    }
    if (!duplicates.isEmpty()) {
      throw Check.fail("streams appear more than once: " + String.join(", ", duplicates));
    }
  }

  private void validSchemas() {
    List<String> problems = new ArrayList<>();
    for (AirbyteStream s : catalog().streams()) {
      JsonNode schema = s.jsonSchema();
      if (schema == null || !schema.isObject()) {
        problems.add("stream '" + s.descriptor() + "' has no json_schema object");
        continue;
      }
      JsonSchemas.metaSchemaProblems(schema).forEach(p -> problems.add("stream '" + s.descriptor() + "': " + p));
      if (!isObjectType(schema.get("type"))) {
        problems.add("stream '" + s.descriptor() + "': the root type must be \"object\", is " + schema.get("type"));
      }
      if (!schema.path("properties").isObject()) {
        problems.add("stream '" + s.descriptor() + "': the schema declares no properties");
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail("invalid stream schemas:\n  " + String.join("\n  ", problems));
    }
  }

  private static boolean isObjectType(JsonNode type) {
    if (type == null) {
      return false;
    }
    if (type.isTextual()) {
      return type.asText().equals("object");
    }
    for (JsonNode t : type) {
      if (t.asText().equals("object")) {
        return true;
      }
    }
    return false;
  }

  private void cursors() {
    List<String> problems = new ArrayList<>();
    for (AirbyteStream s : catalog().streams()) {
      List<String> cursor = s.defaultCursorField() == null ? List.of() : s.defaultCursorField();
      if (Boolean.TRUE.equals(s.sourceDefinedCursor()) && cursor.isEmpty()) {
        problems.add("stream '" + s.descriptor() + "' says source_defined_cursor but has no default_cursor_field");
      }
      if (!cursor.isEmpty() && s.jsonSchema() != null && !Catalogs.hasPath(s.jsonSchema(), cursor)) {
        problems.add("stream '" + s.descriptor() + "': cursor " + cursor + " is not a property of its schema");
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail(String.join("\n  ", problems));
    }
  }

  private void primaryKeys() {
    List<String> problems = new ArrayList<>();
    for (AirbyteStream s : catalog().streams()) {
      List<List<String>> key = s.sourceDefinedPrimaryKey() == null ? List.of() : s.sourceDefinedPrimaryKey();
      for (List<String> part : key) {
        if (part.isEmpty() || s.jsonSchema() != null && !Catalogs.hasPath(s.jsonSchema(), part)) {
          problems.add("stream '" + s.descriptor() + "': primary key " + part + " is not a property of its schema");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail(String.join("\n  ", problems));
    }
  }

  private void syncModes() {
    List<String> problems = new ArrayList<>();
    for (AirbyteStream s : catalog().streams()) {
      if (s.supportedSyncModes() == null || s.supportedSyncModes().isEmpty()) {
        problems.add("stream '" + s.descriptor() + "' declares no supported_sync_modes");
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail(String.join("\n  ", problems));
    }
  }
}
