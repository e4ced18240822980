package io.jcdk.benchmarks.kvdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.destination.kvdb.EmbeddedEngine;
import io.jcdk.destination.kvdb.Main;
import io.jcdk.protocol.Json;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * records/s of {@code write} (stdin → embedded store, through the whole CLI) ÷ records/s of a plain
 * loop that bulk-loads the same keys and values into the same engine with the same settings.
 *
 * <pre>
 *   java -Xmx256m -cp benchmarks/target/benchmarks.jar io.jcdk.benchmarks.kvdb.KvdbWriteBenchmark [records] [rounds]
 * </pre>
 *
 * The input is an append stream with a STATE every 10,000 records, as a source emits and as the
 * Airbyte platform passes them on (with the {@code id} it adds to each state); the write
 * commits (fsyncs) at every state. The baseline writes batches of 10,000 and syncs once at the end,
 * the engine's best case. Rounds alternate the two so both see the same load on a shared machine;
 * the best of each is reported. Peak heap is printed to show the write stays inside {@code -Xmx}.
 */
public final class KvdbWriteBenchmark {

  public static final int STATE_EVERY = 10_000;
  private static final int DISTINCT_VALUES = 1024;

  private KvdbWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("load")) {
      // The reference side of the process benchmark: the loop alone, as its own process, loading the
      // engine as a program of its own does (RocksDB unpacks its library from the jar).
      RocksDB.loadLibrary();
      bulkLoad(Path.of(args[1]), values(), Integer.parseInt(args[2]));
      return;
    }
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Files.createTempDirectory("kvdb-bench");
    try {
      byte[][] values = values();
      Path input = work.resolve("input.jsonl");
      writeInput(input, values, records);
      Path catalog = Files.writeString(work.resolve("catalog.json"), "{\"streams\":[{\"stream\":{\"name\":\"events\","
          + "\"json_schema\":{},\"supported_sync_modes\":[\"incremental\"]},\"sync_mode\":\"incremental\","
          + "\"destination_sync_mode\":\"append\"}]}");
      System.out.printf("records %,d, input %,d MB, heap max %d MB%n", records, Files.size(input) >> 20,
          Runtime.getRuntime().maxMemory() >> 20);

      // Warm-up so both sides run compiled code: the write's JIT compilation goes on for several
      // runs (measured: after one warm-up run, its first rounds took 15-20% more CPU than later ones).
      for (int i = 1; i <= 3; i++) {
        write(work, catalog, input, "warmup-write-" + i);
        bulkLoad(work.resolve("warmup-load-" + i), values, records);
      }

      double bestWrite = 0;
      double bestLoad = 0;
      long peakHeap = 0;
      for (int round = 1; round <= rounds; round++) {
        resetPeaks();
        long cpu = cpuNanos();
        double writeRate = records / write(work, catalog, input, "write-" + round);
        double writeCpu = (cpuNanos() - cpu) / 1e9;
        peakHeap = Math.max(peakHeap, peakHeapUsed());
        cpu = cpuNanos();
        double loadRate = records / bulkLoad(work.resolve("load-" + round), values, records);
        double loadCpu = (cpuNanos() - cpu) / 1e9;
        System.out.printf("round %d: write %,.0f records/s, bulk load %,.0f records/s, ratio %.2f"
            + " (CPU seconds: write %.1f, bulk load %.1f)%n",
            round, writeRate, loadRate, writeRate / loadRate, writeCpu, loadCpu);
        bestWrite = Math.max(bestWrite, writeRate);
        bestLoad = Math.max(bestLoad, loadRate);
      }
      System.out.printf("best: write %,.0f records/s, bulk load %,.0f records/s, ratio %.2f%n",
          bestWrite, bestLoad, bestWrite / bestLoad);
      System.out.printf("peak heap used during write: %d MB of %d MB%n", peakHeap >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      delete(work);
    }
  }

  /** Runs {@code write} in-process on the input file; returns seconds. */
  private static double write(Path work, Path catalog, Path input, String name) throws IOException {
    Path config = Files.writeString(work.resolve(name + ".json"),
        "{\"store\":{\"type\":\"embedded\",\"path\":" + Json.write(work.resolve(name).toString()) + "}}");
    long start = System.nanoTime();
    int code;
    // A plain file descriptor, as stdin is: a buffering stream around it would add a copy the
    // connector never pays (the reader reads in large blocks of its own).
    try (InputStream in = new FileInputStream(input.toFile())) {
      code = Main.cli()
          .run(new String[] {"write", "--config", config.toString(), "--catalog", catalog.toString()},
              in, OutputStream.nullOutputStream());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("write exited " + code);
    }
    delete(work.resolve(name));
    return seconds;
  }

  /** The same keys the store writes for an append stream, straight into RocksDB; returns seconds. */
  private static double bulkLoad(Path dir, byte[][] values, int records) throws Exception {
    byte[] prefix = "jcdk:data:events:1:".getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    try (Options options = EmbeddedEngine.options(true);
        RocksDB db = RocksDB.open(options, dir.toString());
        WriteOptions writeOptions = new WriteOptions();
        WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < records; i++) {
        byte[] key = new byte[prefix.length + 8];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        long position = i;
        for (int b = key.length - 1; b >= prefix.length; b--) {
          key[b] = (byte) position;
          position >>>= 8;
        }
        batch.put(key, values[i % DISTINCT_VALUES]);
        if ((i + 1) % STATE_EVERY == 0) {
          db.write(writeOptions, batch);
          batch.clear();
        }
      }
      db.write(writeOptions, batch);
      db.syncWal();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    delete(dir);
    return seconds;
  }

  /** Typical records of about 250 bytes. */
  public static byte[][] values() throws IOException {
    Random random = new Random(42);
    byte[][] values = new byte[DISTINCT_VALUES][];
    for (int i = 0; i < values.length; i++) {
      StringBuilder note = new StringBuilder();
      while (note.length() < 100) {
        note.append((char) ('a' + random.nextInt(26)));
      }
      ObjectNode data = Json.object().put("id", i).put("name", "user " + i).put("email", "user" + i + "@example.com")
          .put("score", random.nextDouble()).put("active", i % 2 == 0)
          .put("created_at", "2024-03-01T12:34:56.789Z").put("note", note.toString());
      values[i] = Json.mapper().writeValueAsBytes(data);
    }
    return values;
  }

  public static void writeInput(Path file, byte[][] values, int records) throws IOException {
    byte[] head = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"events\",\"emitted_at\":1700000000000,\"data\":"
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "}}\n".getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < records; i++) {
        out.write(head);
        out.write(values[i % DISTINCT_VALUES]);
        out.write(tail);
        if ((i + 1) % STATE_EVERY == 0 || i == records - 1) {
          out.write(("{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
              + "{\"name\":\"events\"},\"stream_state\":{\"n\":" + (i + 1) + "}},\"id\":" + (i / STATE_EVERY + 1)
              + "}}\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  /** CPU time of the whole process, RocksDB's native threads included. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of what the heap held at once. */
  private static long peakHeapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
