package io.jcdk.benchmarks.postgres;

import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.InputState;
import io.jcdk.source.SourceRun;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.PostgresConfig;
import io.jcdk.source.postgres.PostgresSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * source-postgres CDC against the limit of the server itself: the same WAL (N inserted rows in
 * transactions of M rows), decoded by the server's pgoutput, read once by {@code pg_recvlogical}
 * (output to /dev/null) and once by the connector ({@link PostgresSource} through the kit's
 * {@link SourceRun} and {@link MessageWriter}, every RECORD line serialized, output discarded),
 * each from its own slot created before the inserts. Each reads twice (from a second pair of
 * slots), alternating, and the better run counts, as in {@link FullRefreshBenchmark}: the first
 * connector run includes the JIT's warm-up, and the box may be busy. Prints both rates and their
 * ratio (target: at least 0.8).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jcdk.benchmarks.postgres.CdcBenchmark \
 *     [--rows 1000000] [--tx-rows 1000] [--recvlogical /usr/lib/postgresql/15/bin/pg_recvlogical]
 *     [--url jdbc:postgresql://host:port/db?user=u&amp;password=p]   (a server with wal_level=logical)
 * </pre>
 *
 * Without --url an embedded PostgreSQL 16 (zonky) is started. As root, pg_recvlogical runs as
 * {@code nobody} through {@code runuser}.
 */
public final class CdcBenchmark {

  private static final int RUNS = 2;

  private CdcBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    long perTransaction = 1_000;
    String recvlogical = "/usr/lib/postgresql/15/bin/pg_recvlogical";
    String url = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--tx-rows" -> perTransaction = Long.parseLong(args[++i]);
        case "--recvlogical" -> recvlogical = args[++i];
        case "--url" -> url = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    EmbeddedPostgres embedded = null;
    if (url == null) {
      embedded = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
          .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
          .setServerConfig("shared_buffers", "512MB").setServerConfig("max_wal_size", "4GB").start();
      url = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres?user=postgres";
    }
    try {
      run(url, rows, perTransaction, recvlogical);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void run(String url, long rows, long perTransaction, String recvlogical) throws Exception {
    Properties p = org.postgresql.Driver.parseURL(url, null);
    execute(url, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name LIKE 'bench\\_cdc\\_%'",
        "DROP PUBLICATION IF EXISTS bench_cdc_pub",
        "DROP TABLE IF EXISTS bench_cdc",
        "CREATE TABLE bench_cdc (id bigint PRIMARY KEY, name text, amount numeric(12,2), created_at timestamptz,"
            + " active boolean, tags text[], payload text)",
        "CREATE PUBLICATION bench_cdc_pub FOR TABLE bench_cdc");
    PostgresSource source = new PostgresSource();
    List<PostgresConfig> configs = new ArrayList<>();
    List<InputState> states = new ArrayList<>();
    ConfiguredAirbyteCatalog catalog = null;
    for (int run = 1; run <= RUNS; run++) {
      execute(url, "SELECT pg_create_logical_replication_slot('bench_cdc_jcdk_" + run + "', 'pgoutput')",
          "SELECT pg_create_logical_replication_slot('bench_cdc_recv_" + run + "', 'pgoutput')");
      PostgresConfig config = PostgresConfig.of(p.getProperty("PGHOST"), Integer.parseInt(p.getProperty("PGPORT")),
              p.getProperty("PGDBNAME"), p.getProperty("user"), p.getProperty("password"))
          .withReplication(CdcConfig.of("bench_cdc_jcdk_" + run, "bench_cdc_pub")
              .withInitialWaiting(Duration.ofMinutes(5)));
      catalog = catalog(source, config);
      // The first sync takes the (empty) snapshot; its state is where the measured sync starts.
      states.add(lastState(sync(source, config, catalog, InputState.empty(), new ByteArrayOutputStream())));
      configs.add(config);
    }

    System.err.printf("inserting %,d rows in transactions of %,d...%n", rows, perTransaction);
    long t0 = System.nanoTime();
    for (long from = 1; from <= rows; from += perTransaction) {
      long to = Math.min(rows, from + perTransaction - 1);
      execute(url, "INSERT INTO bench_cdc SELECT g, 'name ' || g, (g % 100000) / 100.0,"
          + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * interval '1 second', g % 2 = 0, ARRAY['a', 'b' || g % 10],"
          + " md5(g::text) || md5((g + 1)::text) FROM generate_series(" + from + ", " + to + ") g");
    }
    String end = query(url, "SELECT pg_current_wal_insert_lsn()");
    execute(url, "SET synchronous_commit = on", "SELECT pg_logical_emit_message(true, 'bench', 'flush')");
    String walSize = query(url, "SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(),"
        + " (SELECT restart_lsn FROM pg_replication_slots WHERE slot_name = 'bench_cdc_recv_1')))");
    System.err.printf("inserted in %.1f s; %s of WAL%n", seconds(t0), walSize);

    double recvBest = 0;
    double cdcBest = 0;
    double bytesPerRecord = 0;
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= RUNS; run++) {
      long t1 = System.nanoTime();
      recvlogical(p, recvlogical, "bench_cdc_recv_" + run, end);
      double recvRate = rows / seconds(t1);

      CountingStream out = new CountingStream();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t2 = System.nanoTime();
      sync(source, configs.get(run - 1), catalog, states.get(run - 1), out);
      double cdcSeconds = seconds(t2);
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      if (out.records != rows) {
        throw new IllegalStateException("expected " + rows + " records, read " + out.records);
      }
      double cdcRate = out.records / cdcSeconds;
      System.err.printf("run %d: pg_recvlogical %,.0f rows/s, CDC %,.0f records/s (reading thread's CPU %.2f s"
          + " of %.2f s)%n", run, recvRate, cdcRate, cpuSeconds, cdcSeconds);
      recvBest = Math.max(recvBest, recvRate);
      cdcBest = Math.max(cdcBest, cdcRate);
      bytesPerRecord = (double) out.bytes / out.records;
    }
    System.out.printf("rows                      %,d in transactions of %,d (%s of WAL)%n", rows, perTransaction,
        walSize);
    System.out.printf("pg_recvlogical (pgoutput) %,.0f rows/s%n", recvBest);
    System.out.printf("source-postgres CDC       %,.0f records/s (%,.1f MB/s of RECORD lines)%n", cdcBest,
        cdcBest * bytesPerRecord / 1e6);
    System.out.printf("ratio                     %.2f (target >= 0.8)%n", cdcBest / recvBest);
  }

  private static ConfiguredAirbyteCatalog catalog(PostgresSource source, PostgresConfig config) {
    AirbyteCatalog discovered = source.discover(config);
    AirbyteStream stream = discovered.streams().stream().filter(s -> s.name().equals("bench_cdc")).findFirst()
        .orElseThrow();
    return ConfiguredAirbyteCatalog.of(List.of(
        ConfiguredAirbyteStream.of(stream, SyncMode.INCREMENTAL, DestinationSyncMode.APPEND_DEDUP)));
  }

  private static <T extends OutputStream> T sync(PostgresSource source, PostgresConfig config,
      ConfiguredAirbyteCatalog catalog, InputState state, T sink) {
    try (MessageWriter out = new MessageWriter(sink)) {
      new SourceRun(catalog, state, source.checkpointPolicy(config), out).read(ctx -> source.read(config, ctx));
      out.flush();
    }
    return sink;
  }

  private static InputState lastState(ByteArrayOutputStream output) throws IOException {
    MessageReader reader = new MessageReader(new ByteArrayInputStream(output.toByteArray()));
    AirbyteStateMessage last = null;
    for (AirbyteMessage m = reader.next(); m != null; m = reader.next()) {
      if (m.state() != null) {
        last = m.state();
      }
    }
    if (last == null) {
      throw new IllegalStateException("the first sync emitted no state");
    }
    return InputState.of(List.of(last));
  }

  /** pg_recvlogical from its own slot up to {@code endLsn}, output discarded. */
  private static void recvlogical(Properties p, String binary, String slot, String endLsn) throws Exception {
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    command.addAll(List.of(binary, "--no-loop", "-d", "host=" + p.getProperty("PGHOST") + " port="
            + p.getProperty("PGPORT") + " dbname=" + p.getProperty("PGDBNAME") + " user=" + p.getProperty("user"),
        "--slot=" + slot, "--start", "-o", "proto_version=1", "-o", "publication_names=bench_cdc_pub",
        "-E", endLsn, "-f", "/dev/null"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (p.getProperty("password") != null) {
      pb.environment().put("PGPASSWORD", p.getProperty("password"));
    }
    Path log = Files.createTempFile("recvlogical", ".log");
    pb.redirectOutput(log.toFile());
    Process process = pb.start();
    if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("pg_recvlogical failed: " + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static String query(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Discards bytes, counting bytes and RECORD lines. */
  static final class CountingStream extends OutputStream {
    private static final byte[] RECORD = "{\"type\":\"RECORD\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    long bytes;
    long records;
    private int lineOffset;
    private boolean recordLine = true;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
      for (int i = off; i < off + len; i++) {
        byte c = b[i];
        if (lineOffset < RECORD.length && c != RECORD[lineOffset]) {
          recordLine = false;
        }
        lineOffset++;
        if (c == '\n') {
          if (recordLine && lineOffset > RECORD.length) {
            records++;
          }
          lineOffset = 0;
          recordLine = true;
        }
      }
    }

    @Override
    public void flush() {}
  }
}
