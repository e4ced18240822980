package io.jcdk.testing;

import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.SyncMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Writes the JSON files a connector command takes. */
public final class Files2 {
  private Files2() {}

  public static String write(Path dir, String name, Object jsonOrText) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, jsonOrText instanceof String s ? s : Json.write(jsonOrText));
      return p.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ConfiguredAirbyteCatalog catalog(DestinationSyncMode mode, String... streams) {
    List<ConfiguredAirbyteStream> list = Arrays.stream(streams)
        .map(n -> ConfiguredAirbyteStream.of(
            AirbyteStream.of(io.jcdk.protocol.StreamDescriptor.of(n), Json.parse("{\"type\":\"object\"}"),
                List.of(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL)),
            SyncMode.INCREMENTAL, mode))
        .toList();
    return ConfiguredAirbyteCatalog.of(list);
  }
}
