package io.jcdk.cli;

import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcdk demo}: starts a sample PostgreSQL, syncs two tables into the embedded key-value store
 * with the reference connectors, changes some rows, syncs again incrementally, and shows what landed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = KitVersion.class,
    description = "Sync a sample PostgreSQL database into the embedded key-value store, twice.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--home", defaultValue = "${sys:jcdk.home:-.}", description = "the jcdk checkout (default: ${DEFAULT-VALUE})")
  Path home;

  @Option(names = "--work-dir", description = "where configs, state and the store go (default: a new temporary directory)")
  Path workDir;

  @Option(names = "--rows", defaultValue = "100000", description = "rows in the orders table (default: ${DEFAULT-VALUE})")
  int rows;

  /** Held so the level sticks: the embedded server's own chatter would bury the demo's output. */
  private static final java.util.logging.Logger ROOT_LOGGER = java.util.logging.Logger.getLogger("");

  @Override
  public Integer call() throws Exception {
    ROOT_LOGGER.setLevel(java.util.logging.Level.WARNING);
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("jcdk-demo");
    List<String> sourceCmd = List.of(java(), "-jar", jar("source-postgres").toString());
    List<String> destinationCmd = List.of(java(), "-jar", jar("destination-kvdb").toString());
    say("working in " + dir);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start()) {
      say("started PostgreSQL on port " + pg.getPort() + "; loading shop.customers and shop.orders (" + rows + " rows)");
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA shop");
        s.execute("CREATE TABLE shop.customers (id int PRIMARY KEY, name text NOT NULL, email text,"
            + " updated_at timestamptz NOT NULL DEFAULT now())");
        s.execute("CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id int REFERENCES shop.customers,"
            + " amount numeric(10,2), status text, tags text[], updated_at timestamptz NOT NULL DEFAULT now())");
        s.execute("INSERT INTO shop.customers SELECT i, 'Customer ' || i, 'c' || i || '@example.com'"
            + " FROM generate_series(1, 1000) i");
        s.execute("INSERT INTO shop.orders SELECT i, 1 + i % 1000, (i % 997) * 1.25, 'new', ARRAY['web'],"
            + " now() - interval '1 day' + i * interval '1 ms' FROM generate_series(1, " + rows + ") i");
      }
      Path sourceConfig = write(dir.resolve("source.json"), "{\"host\":\"localhost\",\"port\":" + pg.getPort()
          + ",\"database\":\"postgres\",\"username\":\"postgres\",\"password\":\"postgres\",\"schemas\":[\"shop\"],"
          + "\"ssl_mode\":{\"mode\":\"disable\"},\"replication_method\":{\"method\":\"Standard\"}}");
      Path destinationConfig = write(dir.resolve("destination.json"),
          "{\"store\":{\"type\":\"embedded\",\"path\":" + Json.write(dir.resolve("kvdb").toString()) + "}}");
      LocalSync sync = new LocalSync(new LocalSync.Endpoint(sourceCmd, sourceConfig),
          new LocalSync.Endpoint(destinationCmd, destinationConfig), dir.resolve("sync"), System.out);

      ConfiguredAirbyteCatalog catalog = byUpdatedAt(LocalSync.configureAll(sync.discover()));
      say("discovered " + catalog.streams().size() + " streams; reading incrementally by updated_at, deduplicated by id");
      report("first sync", sync.run(catalog));

      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("UPDATE shop.orders SET status = 'shipped', updated_at = now() + interval '1 minute' WHERE id <= 100");
        s.execute("INSERT INTO shop.orders SELECT i, 1, 9.99, 'new', ARRAY['app'], now() + interval '1 minute'"
            + " FROM generate_series(" + (rows + 1) + ", " + (rows + 50) + ") i");
      }
      say("updated 100 orders and inserted 50");
      report("second sync", sync.run(catalog));

      say("what landed (destination-kvdb stats):");
      run(destinationCmd, Integer.MAX_VALUE, "stats", "--config", destinationConfig.toString());
      say("the first orders (destination-kvdb dump --namespace shop --stream orders):");
      run(destinationCmd, 3, "dump", "--config", destinationConfig.toString(), "--namespace", "shop", "--stream", "orders");
    }
    return 0;
  }

  private static ConfiguredAirbyteCatalog byUpdatedAt(ConfiguredAirbyteCatalog catalog) {
    return ConfiguredAirbyteCatalog.of(catalog.streams().stream().map(s -> new ConfiguredAirbyteStream(s.stream(),
        io.jcdk.protocol.SyncMode.INCREMENTAL, List.of("updated_at"), io.jcdk.protocol.DestinationSyncMode.APPEND_DEDUP,
        null, List.of(List.of("id")), null, null, null, null, null)).toList());
  }

  private static void report(String what, LocalSync.Result r) {
    say(String.format("%s: %,d records read, %,d confirmed by the destination in %,d states", what,
        r.recordsRead(), r.recordsConfirmed(), r.statesConfirmed()));
  }

  /** Runs a command and prints the first {@code maxLines} lines of its output. */
  private void run(List<String> command, int maxLines, String... args) throws IOException, InterruptedException {
    List<String> argv = new java.util.ArrayList<>(command);
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      int n = 0;
      for (String line; (line = lines.readLine()) != null; n++) {
        if (n < maxLines) {
          System.out.println("  " + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
        }
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed with exit " + p.exitValue());
    }
  }

  private Path jar(String module) {
    Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl " + module + " -am package -DskipTests");
    }
    return jar.toAbsolutePath();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path write(Path file, String json) throws IOException {
    return Files.writeString(file, json);
  }

  private static void say(String line) {
    System.out.println("demo: " + line);
  }

}
