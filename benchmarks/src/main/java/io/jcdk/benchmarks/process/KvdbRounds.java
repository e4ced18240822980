package io.jcdk.benchmarks.process;

import io.jcdk.benchmarks.kvdb.KvdbWriteBenchmark;
import io.jcdk.benchmarks.process.ProcessBenchmark.Options;
import io.jcdk.benchmarks.process.Rounds.Command;
import io.jcdk.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * destination-kvdb's {@code write} as a process, stdin from a file of records with a STATE every
 * 10,000, against {@link KvdbWriteBenchmark}'s bulk-load loop (same keys, values and engine
 * settings, synced once at the end) started as a process of its own; see {@link ProcessBenchmark}.
 */
final class KvdbRounds {

  private KvdbRounds() {}

  static void write(Options o) throws Exception {
    Path work = o.workDir();
    int records = Math.toIntExact(o.rows());
    Path input = work.resolve("input.jsonl");
    KvdbWriteBenchmark.writeInput(input, KvdbWriteBenchmark.values(), records);
    Path catalog = Files.writeString(work.resolve("catalog.json"), "{\"streams\":[{\"stream\":{\"name\":\"events\","
        + "\"json_schema\":{},\"supported_sync_modes\":[\"incremental\"]},\"sync_mode\":\"incremental\","
        + "\"destination_sync_mode\":\"append\"}]}");
    Path config = Files.writeString(work.resolve("config.json"),
        "{\"store\":{\"type\":\"embedded\",\"path\":" + Json.write(work.resolve("store").toString()) + "}}");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    Launcher baseline = o.baseline();
    new Rounds("write", o.referenceName("bulk load")).run(o.rounds(),
        r -> {
          clean(work.resolve("store"), o.launcher());
          return new Command((o.launcher()).command("write", "--config", config.toString(), "--catalog",
              catalog.toString()), input);
        },
        r -> {
          clean(work.resolve("store"), baseline);
          clean(work.resolve("load"), null);
          return baseline != null
              ? new Command(baseline.command("write", "--config", config.toString(), "--catalog",
                  catalog.toString()), input)
              : Command.of(List.of(java, "-cp", classPath, KvdbWriteBenchmark.class.getName(), "load",
                  work.resolve("load").toString(), Integer.toString(records)));
        })
        .report(String.format("kvdb write, %,d records of about 250 bytes", records));
  }

  /**
   * Removes {@code dir}; for an image, makes it again writable by anyone: the image runs as a user of
   * its own, who could not create it in the work directory.
   */
  private static void clean(Path dir, Launcher launcher) {
    try {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
      if (launcher != null && launcher.image() != null) {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
