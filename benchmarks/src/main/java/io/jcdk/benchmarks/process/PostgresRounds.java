package io.jcdk.benchmarks.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.benchmarks.process.ProcessBenchmark.Options;
import io.jcdk.benchmarks.process.Rounds.Command;
import io.jcdk.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** source-postgres's paths as processes, against PostgreSQL's own clients; see {@link ProcessBenchmark}. */
final class PostgresRounds {

  private PostgresRounds() {}

  /** Six columns (bigint, int, 190-character text, timestamptz, numeric, bool), no NULLs. */
  private static final String NARROW = "CREATE TABLE bench_narrow (id bigint PRIMARY KEY, n int, body text,"
      + " at timestamptz, amount numeric(12,2), flag boolean)";
  private static final String NARROW_ROWS = "SELECT g, g % 1000, left(repeat(md5(g::text), 6), 190),"
      + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * interval '1 second', (g % 100000) / 100.0, g % 2 = 0";

  /**
   * Twenty mixed columns, a third of them NULL in some rows, text with backslashes, tabs and
   * multi-byte UTF-8, jsonb, arrays, uuid.
   */
  private static final String WIDE = "CREATE TABLE bench_wide (id bigint PRIMARY KEY, a int, b smallint, c text,"
      + " d varchar(64), e timestamptz, f timestamp, g date, h numeric, i double precision, j boolean, k jsonb,"
      + " l text[], m uuid, n int[], o text, p bigint, q time, r interval, s text)";
  private static final String WIDE_ROWS = "SELECT g, g % 100000, (g % 30000)::smallint, 'name ' || g,"
      + " CASE WHEN g % 3 = 0 THEN NULL ELSE 'café ' || (g % 997) END,"
      + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * interval '1 second',"
      + " TIMESTAMP '2024-01-01 00:00:00' + g * interval '1 minute', DATE '2020-01-01' + (g % 3000)::int,"
      + " (g % 100000) / 7.0, CASE WHEN g % 5 = 0 THEN NULL ELSE g / 3.0 END, g % 2 = 0,"
      + " jsonb_build_object('id', g, 'tag', 'x' || (g % 10), 'nested', jsonb_build_object('ok', g % 2 = 0)),"
      + " ARRAY['a', 'b' || g % 10, 'c\"d'], md5(g::text)::uuid, ARRAY[g % 10, g % 100]::int[],"
      + " CASE WHEN g % 4 = 0 THEN NULL ELSE 'tab\there back\\slash ' || g END,"
      + " CASE WHEN g % 6 = 0 THEN NULL ELSE g::bigint * 1000 END, TIME '12:00:00' + (g % 3600) * interval '1 second',"
      + " (g % 100) * interval '1 hour', md5(g::text) || ' Łódź ✓'";

  static void fullRefresh(Options o) throws Exception {
    String table = o.shape().equals("wide") ? "bench_wide" : "bench_narrow";
    try (LocalPostgres pg = LocalPostgres.start(o.pgBin())) {
      System.err.printf("creating %s with %,d rows...%n", table, o.rows());
      pg.execute(o.shape().equals("wide") ? WIDE : NARROW,
          "INSERT INTO " + table + " " + (o.shape().equals("wide") ? WIDE_ROWS : NARROW_ROWS)
              + " FROM generate_series(1, " + o.rows() + ") g",
          "VACUUM ANALYZE " + table);
      Path config = writeJson(o.workDir().resolve("config.json"), config(pg));
      Path catalog = writeJson(o.workDir().resolve("catalog.json"),
          configuredCatalog(discover(o.launcher(), config), table, "full_refresh", "overwrite"));
      // Once to a file, to check the count (and to warm the server's cache): the rounds discard it.
      long records = countRecords(o.launcher(), o.workDir(), "read", "--config", config.toString(), "--catalog",
          catalog.toString());
      if (records != o.rows()) {
        throw new IllegalStateException("read emitted " + records + " records, expected " + o.rows());
      }
      Command connector = Command.of(o.launcher().command("read", "--config", config.toString(), "--catalog",
          catalog.toString()));
      Command reference = o.baseline() != null
          ? Command.of(o.baseline().command("read", "--config", config.toString(), "--catalog", catalog.toString()))
          : Command.of(List.of(pg.bin().resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
              "-d", pg.conninfo(), "-c", "COPY (SELECT * FROM " + table + ") TO STDOUT"));
      new Rounds("full refresh", o.referenceName("COPY")).run(o.rounds(), r -> connector, r -> reference)
          .report(String.format("full refresh, %,d %s rows", o.rows(), o.shape()));
    }
  }

  static void cdc(Options o) throws Exception {
    try (LocalPostgres pg = LocalPostgres.start(o.pgBin())) {
      pg.execute("CREATE TABLE bench_cdc (id bigint PRIMARY KEY, n int, body text, at timestamptz,"
          + " amount numeric(12,2), flag boolean)", "CREATE PUBLICATION bench_cdc_pub FOR TABLE bench_cdc");
      // Per round a slot for each side, all created before the changes so each reads the same WAL;
      // round 0 is the check run.
      List<Path> configs = new ArrayList<>();
      List<Path> states = new ArrayList<>();
      Path catalog = null;
      for (int round = 0; round <= o.rounds(); round++) {
        pg.execute("SELECT pg_create_logical_replication_slot('bench_jcdk_" + round + "', 'pgoutput')",
            "SELECT pg_create_logical_replication_slot('bench_recv_" + round + "', 'pgoutput')");
        if (o.debezium() && round > 0) {
          pg.execute("SELECT pg_create_logical_replication_slot('bench_dbz_" + round + "', 'pgoutput')");
        }
        ObjectNode c = config(pg);
        c.putObject("replication_method").put("method", "CDC").put("replication_slot", "bench_jcdk_" + round)
            .put("publication", "bench_cdc_pub").put("initial_waiting_seconds", 300);
        Path config = writeJson(o.workDir().resolve("config-" + round + ".json"), c);
        if (catalog == null) {
          catalog = writeJson(o.workDir().resolve("catalog.json"),
              configuredCatalog(discover(o.launcher(), config), "bench_cdc", "incremental", "append_dedup"));
        }
        // The first sync snapshots the empty table; its last state is where the measured one starts.
        Path output = run(o.launcher(), o.workDir(), "read", "--config", config.toString(), "--catalog",
            catalog.toString());
        states.add(writeJson(o.workDir().resolve("state-" + round + ".json"),
            Json.mapper().createArrayNode().add(lastState(output))));
        configs.add(config);
      }
      System.err.printf("inserting %,d rows in transactions of %,d...%n", o.rows(), o.txRows());
      for (long from = 1; from <= o.rows(); from += o.txRows()) {
        long to = Math.min(o.rows(), from + o.txRows() - 1);
        pg.execute("INSERT INTO bench_cdc " + NARROW_ROWS + " FROM generate_series(" + from + ", " + to + ") g");
      }
      String end = pg.query("SELECT pg_current_wal_insert_lsn()");
      Path catalogFile = catalog;
      long records = countRecords(o.launcher(), o.workDir(), "read", "--config", configs.get(0).toString(),
          "--catalog", catalogFile.toString(), "--state", states.get(0).toString());
      if (records != o.rows()) {
        throw new IllegalStateException("CDC read emitted " + records + " records, expected " + o.rows());
      }
      Launcher reference = o.baseline();
      List<IntFunction<Command>> sides = new ArrayList<>(List.of(
          r -> Command.of(o.launcher().command("read", "--config", configs.get(r).toString(), "--catalog",
              catalogFile.toString(), "--state", states.get(r).toString())),
          r -> reference != null
              ? Command.of(reference.command("read", "--config", configs.get(r).toString(), "--catalog",
                  catalogFile.toString(), "--state", states.get(r).toString()))
              : Command.of(List.of(pg.bin().resolve("pg_recvlogical").toString(), "--no-loop", "-d",
                  pg.conninfo(), "--slot=bench_recv_" + r, "--start", "-o", "proto_version=1", "-o",
                  "publication_names=bench_cdc_pub", "-E", end, "-f", "-"))));
      String[] references = {o.referenceName("pg_recvlogical")};
      if (o.debezium()) {
        // Checked by itself in every round: it exits non-zero unless it saw exactly the rows inserted.
        sides.add(r -> Command.of(debezium(o, pg, r)));
        references = new String[] {references[0], "Debezium"};
      }
      new Rounds("CDC", references).run(o.rounds(), sides)
          .report(String.format("CDC, %,d rows in transactions of %,d", o.rows(), o.txRows()));
    }
  }

  /**
   * Debezium embedded ({@link DebeziumCdc}) on its own slot of round {@code r}, in a JVM of the
   * harness's classpath with default flags, as a user would start it.
   */
  private static List<String> debezium(Options o, LocalPostgres pg, int r) {
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    return List.of(o.launcher().java(), "-cp", classpath, DebeziumCdc.class.getName(), "--host", pg.host(),
        "--port", String.valueOf(pg.port()), "--database", pg.database(), "--user", pg.user(), "--slot",
        "bench_dbz_" + r, "--publication", "bench_cdc_pub", "--table", "public.bench_cdc", "--rows",
        String.valueOf(o.rows()), "--offsets", o.workDir().resolve("debezium-offsets-" + r + ".dat").toString());
  }

  /** spec and check, one process each, against the baseline (another build or other flags). */
  static void startup(Options o) throws Exception {
    if (o.baseline() == null) {
      throw new IllegalArgumentException("startup compares two launches: give --baseline-jar, --baseline-flag, --baseline-java or --baseline-image");
    }
    try (LocalPostgres pg = LocalPostgres.start(o.pgBin())) {
      Path config = writeJson(o.workDir().resolve("config.json"), config(pg));
      for (String command : List.of("spec", "check")) {
        String[] args = command.equals("spec") ? new String[] {"spec"}
            : new String[] {"check", "--config", config.toString()};
        new Rounds(command, "baseline").run(o.rounds(), r -> Command.of(o.launcher().command(args)),
            r -> Command.of(o.baseline().command(args))).report(command);
      }
    }
  }

  private static ObjectNode config(LocalPostgres pg) {
    ObjectNode c = Json.object().put("host", pg.host()).put("port", pg.port()).put("database", pg.database())
        .put("username", pg.user());
    c.putArray("schemas").add("public");
    c.putObject("ssl_mode").put("mode", "disable");
    return c;
  }

  private static JsonNode discover(Launcher launcher, Path config) throws IOException, InterruptedException {
    Path output = run(launcher, config.getParent(), "discover", "--config", config.toString());
    for (String line : Files.readAllLines(output)) {
      JsonNode m = Json.mapper().readTree(line);
      if (m.path("type").asText().equals("CATALOG")) {
        return m.get("catalog");
      }
    }
    throw new IllegalStateException("discover printed no catalog: " + Files.readString(output));
  }

  private static ObjectNode configuredCatalog(JsonNode catalog, String table, String syncMode, String destMode) {
    for (JsonNode stream : catalog.get("streams")) {
      if (stream.get("name").asText().equals(table)) {
        ObjectNode configured = Json.object();
        configured.putArray("streams").addObject().<ObjectNode>set("stream", stream).put("sync_mode", syncMode)
            .put("destination_sync_mode", destMode);
        return configured;
      }
    }
    throw new IllegalStateException("no stream " + table + " in " + catalog);
  }

  private static JsonNode lastState(Path output) throws IOException {
    JsonNode last = null;
    for (String line : Files.readAllLines(output)) {
      JsonNode m = Json.mapper().readTree(line);
      if (m.path("type").asText().equals("STATE")) {
        last = m.get("state");
      }
    }
    if (last == null) {
      throw new IllegalStateException("the sync emitted no state: " + Files.readString(output));
    }
    return last;
  }

  private static long countRecords(Launcher launcher, Path work, String... args)
      throws IOException, InterruptedException {
    Path output = run(launcher, work, args);
    long n = 0;
    try (var lines = Files.lines(output)) {
      n = lines.filter(l -> l.startsWith("{\"type\":\"RECORD\"")).count();
    }
    Files.delete(output);
    return n;
  }

  /** Runs the connector to a file in {@code work}; fails on a non-zero exit. */
  static Path run(Launcher launcher, Path work, String... args) throws IOException, InterruptedException {
    Path output = Files.createTempFile(work, "output", ".jsonl");
    Path errors = Files.createTempFile(work, "stderr", ".txt");
    Process p = new ProcessBuilder(launcher.command(args)).redirectOutput(output.toFile())
        .redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", args) + " failed: " + Files.readString(errors)
          + tailOf(output));
    }
    return output;
  }

  private static String tailOf(Path output) throws IOException {
    String s = Files.readString(output);
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }

  static Path writeJson(Path file, JsonNode json) {
    try {
      return Files.write(file, Json.mapper().writeValueAsBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
