package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./jcdk demo} as a user runs it (the launcher script, this connector's jar, destination-kvdb's
 * jar, {@code ./jcdk sync}), on "their" server ({@code --pg-url}): what it shows, and that it says what
 * it creates, creates nothing unconfirmed, and leaves nothing behind. One full run serves the tests
 * of its output; the demo on its own embedded server is run by docs/getting-started.md (GuidesIT),
 * which checks what it shows too. It lives here because this module is the one the reactor builds
 * after the launcher and both connectors.
 */
class JcdkDemoIT {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  private static EmbeddedPostgres userServer;
  private static Path demoDir;
  private static Run demoRun;

  @TempDir
  Path dir;

  @BeforeAll
  static void runTheDemoOnAUserServer(@TempDir Path workDir) throws IOException, InterruptedException {
    userServer = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
    demoDir = workDir;
    demoRun = demo("--pg-url", userUrl(), "--yes", "--rows", "300", "--work-dir", workDir.toString());
  }

  @AfterAll
  static void stopUserServer() throws IOException {
    userServer.close();
  }

  private record Run(int exit, String out, String err) {

    /** The lines after the first line containing {@code heading}. */
    List<String> after(String heading) {
      List<String> lines = out.lines().toList();
      int at = lines.indexOf(lines.stream().filter(l -> l.contains(heading)).findFirst().orElseThrow(
          () -> new AssertionError("no line with '" + heading + "' in:\n" + out)));
      return lines.subList(at + 1, lines.size());
    }
  }

  @Test
  void demoSnapshotsThenShowsUpdatedInsertedAndDeletedRowsInTheStore() {
    Run run = demoRun;

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("SHOW wal_level;  -- logical",
        "CREATE ROLE jcdk_demo_cdc LOGIN REPLICATION PASSWORD '…';",
        "GRANT SELECT ON ALL TABLES IN SCHEMA jcdk_demo TO jcdk_demo_cdc;",
        "CREATE PUBLICATION jcdk_demo_pub FOR TABLE jcdk_demo.customers, jcdk_demo.orders;",
        "SELECT pg_create_logical_replication_slot('jcdk_demo_slot', 'pgoutput');  -- as jcdk_demo_cdc",
        "  SUCCEEDED",
        "DELETE FROM jcdk_demo.orders WHERE id BETWEEN 101 AND 110;  -- 10 rows");
    assertThat(run.out()).containsPattern("jcdk_demo\\.customers +1,000 +1,000\n")
        .containsPattern("jcdk_demo\\.orders +340 +340\n");

    assertThat(run.after("jcdk_demo.orders id 1, updated")).satisfies(lines -> {
      assertThat(lines.get(0)).contains("first:", "\"id\":1,", "\"status\":\"new\"");
      assertThat(lines.get(1)).contains("second:", "\"id\":1,", "\"status\":\"shipped\"");
    });
    assertThat(run.after("jcdk_demo.orders id 101, deleted")).satisfies(lines -> {
      assertThat(lines.get(0)).contains("first:", "\"id\":101,");
      assertThat(lines.get(1)).isEqualTo("    second: (no entry)");
    });
    assertThat(run.after("jcdk_demo.orders id 301, inserted")).satisfies(lines -> {
      assertThat(lines.get(0)).isEqualTo("    first:  (no entry)");
      assertThat(lines.get(1)).contains("second:", "\"id\":301,", "\"tags\":[\"app\"]");
    });
    assertThat(run.after("jcdk_demo.customers id 1, updated").get(1)).contains("\"email\":\"ada@example.org\"");
  }

  @Test
  void demoPrintsTheSyncCommandsItRanWithTheirConfigs() throws IOException {
    Run run = demoRun;
    Path dir = demoDir;

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> syncs = run.out().lines().filter(l -> l.startsWith("$ " + CHECKOUT.resolve("jcdk") + " sync ")).toList();
    assertThat(syncs).hasSize(2).containsOnly(syncs.get(0));
    assertThat(syncs.get(0)).contains("--source \"java -jar target/source-postgres.jar\"",
        "--source-config " + dir.resolve("source.json"),
        "--destination \"java -jar " + CHECKOUT.resolve("destination-kvdb/target/destination-kvdb.jar") + "\"");
    // What a user copies holds the demo's role, not the server's superuser, and only they can read it.
    assertThat(Files.readString(dir.resolve("source.json"))).contains("\"username\" : \"jcdk_demo_cdc\"",
        "\"method\" : \"CDC\"", "\"replication_slot\" : \"jcdk_demo_slot\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("source.json"))))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("sync/state.json")).exists();
  }

  @Test
  void demoOnAServerUrlSaysWhatItCreatesFirstAndDropsItAtTheEnd() throws SQLException {
    Run run = demoRun;

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    String out = run.out();
    assertThat(out.indexOf("The demo will create, in database postgres on localhost:" + userServer.getPort()))
        .isNotNegative().isLessThan(out.indexOf("CREATE ROLE"));
    assertThat(out).contains("jcdk_demo.orders id 101, deleted");
    assertThat(run.after("Dropping what the demo created:")).containsSubsequence(
        "  SELECT pg_drop_replication_slot('jcdk_demo_slot');", "  DROP PUBLICATION jcdk_demo_pub;",
        "  DROP ROLE jcdk_demo_cdc;", "  DROP SCHEMA jcdk_demo CASCADE;");
    assertThat(demoObjectsLeft()).isEmpty();
  }

  @Test
  void demoOnAServerUrlCreatesNothingUnlessConfirmed() throws IOException, InterruptedException, SQLException {
    Run run = demo("--pg-url", userUrl(), "--rows", "200", "--work-dir", dir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("The demo will create", "role jcdk_demo_cdc (LOGIN, REPLICATION)");
    assertThat(run.err()).contains("nothing was created; add --yes to create these objects");
    assertThat(demoObjectsLeft()).isEmpty();
  }

  @Test
  void demoRefusesAServerThatAlreadyHoldsTheDemosNames() throws IOException, InterruptedException, SQLException {
    try (Connection c = userServer.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA jcdk_demo");
    }
    try {
      Run run = demo("--pg-url", userUrl(), "--yes", "--work-dir", dir.toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("The server already has schema jcdk_demo",
          "drop them with: DROP SCHEMA jcdk_demo CASCADE;", "Nothing was created.");
      assertThat(demoObjectsLeft()).containsExactly("schema jcdk_demo");
    } finally {
      try (Connection c = userServer.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA jcdk_demo");
      }
    }
  }

  @Test
  void demoOnAServerWithoutLogicalWalSaysHowToEnableItAndCreatesNothing() throws IOException, InterruptedException {
    try (EmbeddedPostgres replica = EmbeddedPostgres.builder().start()) {
      Run run = demo("--pg-url", "postgresql://postgres@localhost:" + replica.getPort() + "/postgres", "--yes",
          "--work-dir", dir.toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("The server's wal_level is 'replica' but CDC needs 'logical'",
          "ALTER SYSTEM SET wal_level = logical", "Nothing was created.");
      assertThat(run.out()).doesNotContain("The demo will create");
    }
  }

  @Test
  void demoRefusesARowCountTooSmallForItsChanges() throws IOException, InterruptedException {
    Run run = demo("--rows", "199");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--rows must be at least 200");
  }

  private static String userUrl() {
    return "postgresql://postgres@localhost:" + userServer.getPort() + "/postgres";
  }

  private static List<String> demoObjectsLeft() throws SQLException {
    List<String> left = new ArrayList<>();
    try (Connection c = userServer.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 'slot ' || slot_name FROM pg_replication_slots"
            + " UNION ALL SELECT 'publication ' || pubname FROM pg_publication"
            + " UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname LIKE 'jcdk%'"
            + " UNION ALL SELECT 'role ' || rolname FROM pg_roles WHERE rolname LIKE 'jcdk%'")) {
      while (rs.next()) {
        left.add(rs.getString(1));
      }
    }
    return left;
  }

  /** {@code ./jcdk demo ARGS} in this module's directory, on this JVM's Java, without a terminal. */
  private static Run demo(String... args) throws IOException, InterruptedException {
    Path logs = Files.createTempDirectory("jcdk-demo-it");
    List<String> argv = new ArrayList<>(List.of(CHECKOUT.resolve("jcdk").toString(), "demo"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(logs.resolve("out").toFile()).redirectError(logs.resolve("err").toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("PGPASSWORD");
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("./jcdk demo did not finish within 5 minutes; output in " + logs);
    }
    return new Run(p.exitValue(), Files.readString(logs.resolve("out")), Files.readString(logs.resolve("err")));
  }
}
