package io.jcdk.cli;

import io.jcdk.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What landed in destination-kvdb, read through its own {@code dump} command, as a user would look.
 */
final class DemoStore {

  private final List<String> destination;
  private final Path config;

  DemoStore(List<String> destination, Path config) {
    this.destination = destination;
    this.config = config;
  }

  /** A stream's entry count, and the stored values of the entries asked for. */
  record Dump(long entries, Map<Long, String> values) {}

  /** Dumps a stream, keeping the values of the entries keyed by {@code ids} (append_dedup keys are {@code [id]}). */
  Dump dump(String namespace, String stream, Collection<Long> ids) throws IOException, InterruptedException {
    Map<String, Long> prefixes = new HashMap<>();
    ids.forEach(id -> prefixes.put("{\"key\":[" + id + "],", id));
    Map<Long, String> values = new HashMap<>();
    long[] entries = {0};
    run(List.of("dump", "--config", config.toString(), "--namespace", namespace, "--stream", stream), line -> {
      if (!line.startsWith("{\"key\":")) {
        return;
      }
      entries[0]++;
      int comma = line.indexOf("],") + 2;
      Long id = comma > 1 ? prefixes.get(line.substring(0, comma)) : null;
      if (id != null) {
        values.put(id, Json.mapper().readTree(line).get("value").toString());
      }
    });
    return new Dump(entries[0], values);
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
