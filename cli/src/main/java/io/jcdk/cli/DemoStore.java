package io.jcdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What landed in destination-kvdb, read through its own {@code stats} and {@code dump} commands, as a
 * user would look.
 */
final class DemoStore {

  private final List<String> destination;
  private final Path config;

  DemoStore(List<String> destination, Path config) {
    this.destination = destination;
    this.config = config;
  }

  /** Entries per stream ({@code namespace.name}). */
  Map<String, Long> entries() throws IOException, InterruptedException {
    Map<String, Long> entries = new LinkedHashMap<>();
    run(List.of("stats", "--config", config.toString()), line -> {
      JsonNode stream = Json.mapper().readTree(line);
      if (stream.has("stream")) {
        entries.put(stream.path("namespace").asText() + "." + stream.path("stream").asText(),
            stream.path("entries").asLong());
      }
    });
    return entries;
  }

  /** The stored values of the entries keyed by the given ids (append_dedup keys are {@code [id]}). */
  Map<Long, String> values(String namespace, String stream, Collection<Long> ids) throws IOException, InterruptedException {
    Map<String, Long> prefixes = new HashMap<>();
    ids.forEach(id -> prefixes.put("{\"key\":[" + id + "],", id));
    Map<Long, String> values = new HashMap<>();
    run(List.of("dump", "--config", config.toString(), "--namespace", namespace, "--stream", stream), line -> {
      int comma = line.indexOf("],") + 2;
      Long id = comma > 1 ? prefixes.get(line.substring(0, comma)) : null;
      if (id != null) {
        values.put(id, Json.mapper().readTree(line).get("value").toString());
      }
    });
    return values;
  }

  private interface LineReader {
    void read(String line) throws IOException;
  }

  private void run(List<String> args, LineReader reader) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(destination);
    argv.addAll(args);
    List<IOException> failures = new ArrayList<>();
    int exit = Subprocess.run(argv, null, Map.of(), line -> {
      try {
        if (failures.isEmpty() && line.startsWith("{")) {
          reader.read(line);
        }
      } catch (IOException e) {
        failures.add(e);
      }
    });
    if (!failures.isEmpty()) {
      throw new IOException("cannot read the output of " + String.join(" ", argv), failures.get(0));
    }
    if (exit != 0) {
      throw new IOException(String.join(" ", argv) + " failed with exit " + exit);
    }
  }
}
