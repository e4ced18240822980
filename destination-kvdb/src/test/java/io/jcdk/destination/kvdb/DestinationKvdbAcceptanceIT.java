package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.destination.ReadBack;
import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every destination suite (spec, check, sync, overwrite, append, append_dedup, state echo and
 * durability, large batch, 10 MB records, special characters, namespaces, new fields) on
 * destination-kvdb with its embedded store, as the jar and as the image {@code jcdk/destination-kvdb:dev}.
 * What was stored is read back with the connector's own {@code dump} command.
 */
class DestinationKvdbAcceptanceIT {

  @TempDir
  static Path dataDir;

  @TestFactory
  Stream<DynamicNode> acceptance() {
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("DATA_DIR", dataDir.toString())
        .jar(Path.of("target/destination-kvdb.jar"))
        .image("jcdk/destination-kvdb:dev")
        .readBack(DestinationKvdbAcceptanceIT::dump)
        .tests();
  }

  /** Runs {@code dump} in this JVM for each stream; a stream never written reads as empty. */
  private static Map<StreamDescriptor, List<JsonNode>> dump(JsonNode config, ConfiguredAirbyteCatalog catalog) {
    try {
      Path configFile = Files.createTempFile(dataDir, "read-back", ".json");
      Files.writeString(configFile, Json.write(config));
      Map<StreamDescriptor, List<JsonNode>> stored = new LinkedHashMap<>();
      for (ConfiguredAirbyteStream s : catalog.streams()) {
        List<String> args = new ArrayList<>(List.of("dump", "--config", configFile.toString(), "--stream",
            s.stream().name()));
        if (s.stream().namespace() != null) {
          args.addAll(List.of("--namespace", s.stream().namespace()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.cli().run(args.toArray(String[]::new), InputStream.nullInputStream(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        List<JsonNode> values = new ArrayList<>();
        for (String line : text.split("\n")) {
          JsonNode node = line.isBlank() ? null : Json.parse(line);
          if (node != null && node.has("value") && !node.has("type")) {
            values.add(node.get("value"));
          }
        }
        if (code != 0 && !text.contains("There is no stream")) {
          throw new IllegalStateException("dump of " + s.descriptor() + " failed (exit " + code + "): " + text);
        }
        stored.put(s.descriptor(), values);
      }
      Files.delete(configFile);
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
