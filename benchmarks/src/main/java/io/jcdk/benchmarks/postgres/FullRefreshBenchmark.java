package io.jcdk.benchmarks.postgres;

import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.InputState;
import io.jcdk.source.SourceRun;
import io.jcdk.source.postgres.PostgresConfig;
import io.jcdk.source.postgres.PostgresSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * source-postgres full refresh against the limits of the server itself, on one table in one run.
 *
 * <ol>
 *   <li>{@code COPY (SELECT * FROM t) TO STDOUT} through pgjdbc's CopyManager, output discarded:
 *       the rate at which the server can hand the rows out at all.
 *   <li>The connector's full refresh: {@link PostgresSource} through the kit's {@link SourceRun}
 *       and {@link MessageWriter} (every RECORD line serialized), output discarded.
 *   <li>Their ratio (target: at least 0.5). Each runs --runs times (3), alternating; the best run of
 *       each counts (warm cache and JIT, least disturbed by other processes).
 *   <li>Optionally (--heap-rows N): a full refresh of an N-row table with ~1 KB rows and a 16 MB
 *       row every 100,000 rows, in a child JVM with {@code -Xmx256m}; it prints the heap pools'
 *       peak usage and fails if the read runs out of memory.
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jcdk.benchmarks.postgres.FullRefreshBenchmark \
 *     [--rows 2000000] [--runs 3] [--heap-rows 0] [--url jdbc:postgresql://host:port/db?user=u&amp;password=p]
 * </pre>
 *
 * Without --url an embedded PostgreSQL 16 (zonky) is started in a temporary directory.
 */
public final class FullRefreshBenchmark {

  private FullRefreshBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("heap-probe")) {
      heapProbe(args);
      return;
    }
    long rows = 2_000_000;
    long heapRows = 0;
    int runs = 3;
    String url = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--heap-rows" -> heapRows = Long.parseLong(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--url" -> url = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    EmbeddedPostgres embedded = null;
    if (url == null) {
      embedded = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off").setServerConfig("shared_buffers", "512MB").start();
      url = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres?user=postgres";
    }
    try {
      Properties p = org.postgresql.Driver.parseURL(url, null);
      PostgresConfig config = PostgresConfig.of(p.getProperty("PGHOST"), Integer.parseInt(p.getProperty("PGPORT")),
          p.getProperty("PGDBNAME"), p.getProperty("user"), p.getProperty("password"));
      throughput(url, config, rows, runs);
      if (heapRows > 0) {
        heap(url, config, heapRows);
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void throughput(String url, PostgresConfig config, long rows, int runs) throws Exception {
    System.err.printf("creating bench_rows with %,d rows...%n", rows);
    execute(url, "DROP TABLE IF EXISTS bench_rows",
        "CREATE TABLE bench_rows (id bigint PRIMARY KEY, name text, amount numeric(12,2), created_at timestamptz,"
            + " active boolean, tags text[], payload text)",
        "INSERT INTO bench_rows SELECT g, 'name ' || g, (g % 100000) / 100.0,"
            + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * interval '1 second', g % 2 = 0, ARRAY['a', 'b' || g % 10],"
            + " md5(g::text) || md5((g + 1)::text) FROM generate_series(1, " + rows + ") g",
        "VACUUM ANALYZE bench_rows");
    double copyBest = 0;
    double readBest = 0;
    long copyBytes = 0;
    long readBytes = 0;
    for (int run = 1; run <= runs; run++) {
      CountingStream copyOut = new CountingStream();
      long t0 = System.nanoTime();
      long copied;
      try (Connection c = connect(url)) {
        copied = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM bench_rows) TO STDOUT", copyOut);
      }
      double copyRate = copied / seconds(t0);
      copyBest = Math.max(copyBest, copyRate);
      copyBytes = copyOut.bytes;

      CountingStream readOut = new CountingStream();
      t0 = System.nanoTime();
      long records = fullRefresh(config, "bench_rows", readOut);
      double readRate = rows / seconds(t0);
      readBest = Math.max(readBest, readRate);
      readBytes = readOut.bytes;
      if (Math.abs(records - rows) > rows / 1_000 + 10 || copied != rows) {
        throw new IllegalStateException("expected " + rows + " rows, COPY gave " + copied + ", read " + records);
      }
      System.err.printf("run %d: COPY %,.0f rows/s, full refresh %,.0f records/s%n", run, copyRate, readRate);
    }
    System.out.printf("rows                      %,d%n", rows);
    System.out.printf("COPY TO STDOUT            %,.0f rows/s (%,.1f MB/s of COPY text)%n", copyBest,
        copyBest * copyBytes / rows / 1e6);
    System.out.printf("source-postgres full ref. %,.0f records/s (%,.1f MB/s of RECORD lines)%n", readBest,
        readBest * readBytes / rows / 1e6);
    System.out.printf("ratio                     %.2f (target >= 0.5)%n", readBest / copyBest);
  }

  private static void heap(String url, PostgresConfig config, long rows) throws Exception {
    System.err.printf("creating bench_wide with %,d rows of ~1 KB and a 16 MB row every 100,000...%n", rows);
    execute(url, "DROP TABLE IF EXISTS bench_wide",
        "CREATE TABLE bench_wide (id bigint, body text) WITH (autovacuum_enabled = false)",
        "ALTER TABLE bench_wide ALTER COLUMN body SET STORAGE EXTERNAL",
        "INSERT INTO bench_wide SELECT g, CASE WHEN g % 100000 = 0 THEN repeat(md5(g::text), 524288)"
            + " ELSE repeat(md5(g::text), 32) END FROM generate_series(1, " + rows + ") g");
    String size = query(url, "SELECT pg_size_pretty(pg_total_relation_size('bench_wide'))");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), FullRefreshBenchmark.class.getName(), "heap-probe",
        config.host(), Integer.toString(config.port()), config.database(), config.username(),
        config.password().orElse("")));
    long t0 = System.nanoTime();
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = new String(child.getInputStream().readAllBytes()).strip();
    int exit = child.waitFor();
    System.out.printf("heap table                %,d rows, %s%n", rows, size);
    System.out.printf("full refresh, -Xmx256m    exit %d in %.0f s: %s%n", exit, seconds(t0), result);
  }

  /** In the child JVM: read bench_wide, print records and peak heap to stdout. */
  private static void heapProbe(String[] args) throws Exception {
    PostgresConfig config = PostgresConfig.of(args[1], Integer.parseInt(args[2]), args[3], args[4],
        args.length > 5 && !args[5].isEmpty() ? args[5] : null);
    CountingStream out = new CountingStream();
    // The heap in use right after each collection is the read's live data; sample its maximum.
    long[] maxLive = {0};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
            live += pool.getCollectionUsage().getUsed();
          }
        }
        maxLive[0] = Math.max(maxLive[0], live);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long records = fullRefresh(config, "bench_wide", out);
    sampler.interrupt();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("~%,d records, %,.0f MB of output; heap after GC at most %,.0f MB, heap pools' peak %,.0f MB"
        + " (max heap %,.0f MB)%n", records, out.bytes / 1e6, maxLive[0] / 1e6, peak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static long fullRefresh(PostgresConfig config, String table, CountingStream sink) {
    PostgresSource source = new PostgresSource();
    AirbyteCatalog catalog = source.discover(config);
    AirbyteStream stream = catalog.streams().stream().filter(s -> s.name().equals(table)).findFirst().orElseThrow();
    ConfiguredAirbyteCatalog configured = ConfiguredAirbyteCatalog.of(List.of(
        ConfiguredAirbyteStream.of(stream, SyncMode.FULL_REFRESH, DestinationSyncMode.OVERWRITE)));
    try (MessageWriter out = new MessageWriter(sink)) {
      new SourceRun(configured, InputState.empty(), source.checkpointPolicy(config), out)
          .read(ctx -> source.read(config, ctx));
      out.flush();
      // Besides the records: three stream status traces and about a state per 10,000 records.
      long messages = out.count();
      return messages - 3 - messages / 10_001;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  private static void execute(String url, String... statements) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static String query(String url, String sql) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Discards bytes, counting them. */
  static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }

    @Override
    public void flush() throws IOException {}
  }
}
