package io.jcdk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.cli.DemoDatabase.Change;
import io.jcdk.cli.DemoDatabase.Refused;
import io.jcdk.cli.DemoStore.Dump;
import io.jcdk.protocol.Json;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jcdk demo}: change data capture from PostgreSQL into destination-kvdb with the reference
 * connectors. Prepares the server as a user prepares theirs (docs/cdc-postgres.md), runs a first
 * sync (the snapshot), changes rows, runs a second sync (the changes, from the WAL), and shows what
 * landed: the counts per stream beside PostgreSQL's, and the changed rows before and after. The
 * syncs are {@code ./jcdk sync} commands, printed as they run, so a user can repeat them.
 *
 * <p>Exit 0 when everything landed, 1 when a step failed or the counts differ, 2 for bad options or
 * an unconfirmed {@code --pg-url}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = KitVersion.class,
    description = {"Change data capture from PostgreSQL into the embedded key-value store, with the reference connectors:",
        "a snapshot, then inserts, updates and deletes, then what landed."})
final class DemoCommand implements Callable<Integer> {

  /** Held so the level sticks: the embedded server's own chatter would bury the demo's output. */
  private static final Logger ROOT_LOGGER = Logger.getLogger("");

  @Spec
  CommandSpec spec;

  @Option(names = "--home", defaultValue = "${sys:jcdk.home:-.}", description = "the jcdk checkout (default: ${DEFAULT-VALUE})")
  Path home;

  @Option(names = "--work-dir", description = "where configs, state and the store go (default: a new temporary directory)")
  Path workDir;

  @Option(names = "--rows", defaultValue = "100000", description = "rows in the orders table, at least 200 (default: ${DEFAULT-VALUE})")
  int rows;

  @Option(names = "--pg-url", description = {"your PostgreSQL instead of an embedded one, e.g. postgresql://admin@db:5432/app",
      "(password from the URL or PGPASSWORD); the demo says what it will create, and drops it at the end"})
  String pgUrl;

  @Option(names = "--yes", description = "with --pg-url: create the demo's objects without asking")
  boolean yes;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    ROOT_LOGGER.setLevel(Level.WARNING);
    out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (rows < 200) {
      err.println("demo: --rows must be at least 200 (the demo updates and deletes orders 1 to 110)");
      return 2;
    }
    DemoServer server;
    try {
      server = pgUrl == null ? null : DemoServer.parse(pgUrl, System.getenv("PGPASSWORD"));
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    Path dir = workDir != null ? Files.createDirectories(workDir).toAbsolutePath()
        : Files.createTempDirectory("jcdk-demo");
    DemoRun run = new DemoRun(home.toAbsolutePath().normalize(), dir, out);
    try {
      run.source();
      run.destination();
    } catch (IllegalStateException e) {
      err.println("demo: " + e.getMessage());
      return 1;
    }
    out.println("jcdk demo: change data capture from PostgreSQL into destination-kvdb (work directory " + dir + ")");
    if (server == null) {
      out.println();
      out.println("Starting an embedded PostgreSQL with wal_level = logical...");
      out.flush();
      server = DemoServer.embedded();
    }
    try (DemoServer s = server) {
      DemoDatabase db = new DemoDatabase(s, out);
      try {
        db.preflight();
        if (!s.isEmbedded() && !confirmed(s, err)) {
          return 2;
        }
        int exit = demo(s, db, run);
        out.printf("%nDone in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        return exit;
      } catch (Refused e) {
        err.println("demo: " + e.getMessage());
        return 1;
      } finally {
        if (!s.isEmbedded()) {
          db.dropAll();
        }
        out.flush();
      }
    }
  }

  private int demo(DemoServer server, DemoDatabase db, DemoRun run) throws IOException, InterruptedException, SQLException {
    section("1. PostgreSQL, prepared for change data capture as you would prepare yours (docs/cdc-postgres.md)");
    try (var c = server.connect(); var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      out.printf("  -- PostgreSQL %s on %s:%d, database %s%n", rs.getString(1).split(" ")[0], server.host(),
          server.port(), server.database());
    }
    db.load(rows);
    out.printf("  -- sample data: %s.customers (%,d rows), %s.orders (%,d rows)%n", DemoDatabase.SCHEMA,
        DemoDatabase.CUSTOMERS, DemoDatabase.SCHEMA, rows);
    db.prepareForCdc();
    Path sourceConfig = writeSourceConfig(run.dir().resolve("source.json"), server, db.rolePassword());
    Path destinationConfig = Files.writeString(run.dir().resolve("destination.json"), Json.mapper()
        .writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().createObjectNode().set("store",
            Json.object().put("type", "embedded").put("path", run.dir().resolve("kvdb").toString()))) + "\n");
    if (!run.check(sourceConfig)) {
      return 1;
    }

    List<String> sync = run.syncCommand(sourceConfig, destinationConfig);
    section("2. First sync: a snapshot of both tables");
    run.sync(sync);
    DemoStore store = new DemoStore(run.destination(), destinationConfig);

    section("3. Changes in PostgreSQL");
    List<Change> changes = db.applyChanges(rows);
    Map<String, Dump> before = dumps(store, changes);

    section("4. Second sync, the same command: only the changes, read from the WAL through the slot");
    run.sync(sync);

    section("5. What landed");
    Map<String, Dump> after = dumps(store, changes);
    boolean same = compareCounts(db.counts(), after);
    out.println();
    out.println("  The changed rows in the store, after the first and after the second sync (destination-kvdb dump):");
    for (Change change : changes) {
      out.printf("  %s.%s id %d, %s%n", DemoDatabase.SCHEMA, change.table(), change.id(), change.what());
      out.println("    first:  " + before.get(change.table()).values().getOrDefault(change.id(), "(no entry)"));
      out.println("    second: " + after.get(change.table()).values().getOrDefault(change.id(), "(no entry)"));
    }
    out.println();
    out.println("  Records carry _ab_cdc_lsn (where the change is in the WAL), _ab_cdc_updated_at (its commit time) and");
    out.println("  _ab_cdc_deleted_at; destination-kvdb keeps one entry per primary key and removes a deleted row's.");
    out.println("  To run the same against your database: prepare it as docs/cdc-postgres.md says, put its address and");
    out.println("  your role into a copy of " + sourceConfig + ", and run the ./jcdk sync command above with it.");
    return same ? 0 : 1;
  }

  /** Rows in PostgreSQL beside entries in the store, per table; whether they agree. */
  private boolean compareCounts(Map<String, Long> database, Map<String, Dump> stored) {
    out.printf("  %-22s %18s %28s%n", "stream", "rows in PostgreSQL", "entries in destination-kvdb");
    boolean same = true;
    for (Map.Entry<String, Long> table : database.entrySet()) {
      Dump dump = stored.get(table.getKey().substring(DemoDatabase.SCHEMA.length() + 1));
      long entries = dump == null ? 0 : dump.entries();
      same &= table.getValue() == entries;
      out.printf("  %-22s %,18d %,28d%s%n", table.getKey(), table.getValue(), entries,
          table.getValue() == entries ? "" : "  DIFFERENT");
    }
    return same;
  }

  /** One dump per table the changes touch, at the same time (each is a JVM start), keeping the changed rows' values. */
  private static Map<String, Dump> dumps(DemoStore store, List<Change> changes) throws IOException, InterruptedException {
    Map<String, List<Long>> ids = new TreeMap<>();
    changes.forEach(c -> ids.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c.id()));
    ExecutorService pool = Executors.newFixedThreadPool(ids.size());
    try {
      Map<String, Future<Dump>> running = new TreeMap<>();
      ids.forEach((table, keys) -> running.put(table, pool.submit(() -> store.dump(DemoDatabase.SCHEMA, table, keys))));
      Map<String, Dump> dumps = new HashMap<>();
      for (Map.Entry<String, Future<Dump>> table : running.entrySet()) {
        try {
          dumps.put(table.getKey(), table.getValue().get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
      }
      return dumps;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The connector's config for the demo's role: readable, and private to the user (it holds a password). */
  private static Path writeSourceConfig(Path file, DemoServer server, String password) throws IOException {
    ObjectNode config = Json.object().put("host", server.host()).put("port", server.port())
        .put("database", server.database()).put("username", DemoDatabase.ROLE).put("password", password);
    config.putArray("schemas").add(DemoDatabase.SCHEMA);
    if (server.sslMode() != null) {
      config.putObject("ssl_mode").put("mode", server.sslMode());
    }
    if (!server.otherParameters().isEmpty()) {
      config.put("jdbc_url_params", server.otherParameters());
    }
    config.putObject("replication_method").put("method", "CDC").put("replication_slot", DemoDatabase.SLOT)
        .put("publication", DemoDatabase.PUBLICATION);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
  }

  /** Says what will be created on the user's server, and asks (or takes --yes). */
  private boolean confirmed(DemoServer server, PrintWriter err) {
    out.printf("%nThe demo will create, in database %s on %s:%d, as %s:%n", server.database(), server.host(),
        server.port(), server.user());
    out.printf("  schema %s with tables customers (%,d rows) and orders (%,d rows)%n", DemoDatabase.SCHEMA,
        DemoDatabase.CUSTOMERS, rows);
    out.printf("  role %s (LOGIN, REPLICATION), publication %s, logical replication slot %s%n", DemoDatabase.ROLE,
        DemoDatabase.PUBLICATION, DemoDatabase.SLOT);
    out.println("and drop them all when it ends. The slot holds back WAL only while the demo runs.");
    out.flush();
    if (yes) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      err.println("demo: nothing was created; add --yes to create these objects");
      return false;
    }
    String answer = console.readLine("Create them? [y/N] ");
    if (answer != null && answer.strip().toLowerCase().startsWith("y")) {
      return true;
    }
    err.println("demo: nothing was created");
    return false;
  }

  private void section(String title) {
    out.println();
    out.println(title);
    out.flush();
  }
}
