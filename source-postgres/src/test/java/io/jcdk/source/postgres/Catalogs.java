package io.jcdk.source.postgres;

import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.SyncMode;
import java.util.List;

/** Configured catalogs built from what discover returned, as a user would configure them. */
final class Catalogs {

  private Catalogs() {}

  static AirbyteStream stream(AirbyteCatalog catalog, String name) {
    return catalog.streams().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("discover has no stream " + name + ": " + catalog.streams()));
  }

  static ConfiguredAirbyteCatalog fullRefresh(AirbyteStream stream) {
    return ConfiguredAirbyteCatalog.of(List.of(
        ConfiguredAirbyteStream.of(stream, SyncMode.FULL_REFRESH, DestinationSyncMode.OVERWRITE)));
  }

  static ConfiguredAirbyteCatalog incremental(AirbyteStream stream, String cursor) {
    ConfiguredAirbyteStream configured =
        ConfiguredAirbyteStream.of(stream, SyncMode.INCREMENTAL, DestinationSyncMode.APPEND);
    return ConfiguredAirbyteCatalog.of(List.of(cursor == null ? configured : configured.withCursorField(List.of(cursor))));
  }
}
