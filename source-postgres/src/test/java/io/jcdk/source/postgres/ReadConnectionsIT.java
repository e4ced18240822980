package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A read's streams share one connection; a stream that fails leaves the next a fresh one. */
class ReadConnectionsIT {

  private static final CheckpointPolicy EVERY_1000 = new CheckpointPolicy(1_000, Duration.ofHours(1));

  private static TestPostgres db;

  @BeforeAll
  static void createTables() {
    db = TestPostgres.create("read_connections");
    db.execute(
        "CREATE TABLE a (id int PRIMARY KEY)", "INSERT INTO a SELECT generate_series(1, 3000)",
        "CREATE TABLE b (id int PRIMARY KEY)", "INSERT INTO b SELECT generate_series(1, 2000)",
        "CREATE TABLE c (id int PRIMARY KEY)", "INSERT INTO c SELECT generate_series(1, 1000)",
        "CREATE TABLE tiny (id int PRIMARY KEY)", "INSERT INTO tiny SELECT generate_series(1, 50)",
        // Fails in the middle of its COPY, which leaves the transaction aborted.
        "CREATE VIEW fails AS SELECT id, 1 / (id - 500) AS x FROM a");
  }

  @AfterAll
  static void drop() {
    db.drop();
  }

  private static ConfiguredAirbyteCatalog fullRefresh(String... names) {
    var catalog = new PostgresSource().discover(db.config());
    return ConfiguredAirbyteCatalog.of(java.util.Arrays.stream(names)
        .map(n -> ConfiguredAirbyteStream.of(Catalogs.stream(catalog, n), SyncMode.FULL_REFRESH,
            DestinationSyncMode.OVERWRITE))
        .toList());
  }

  @Test
  void aReadOfThreeStreamsOpensOneConnection() throws Exception {
    ConfiguredAirbyteCatalog catalog = fullRefresh("a", "b", "c");
    long before = sessions();

    SyncOutput out = SyncOutput.read(db.config(), catalog, List.of(), EVERY_1000).assertSucceeded();

    assertThat(out.records("a")).hasSize(3000);
    assertThat(out.records("b")).hasSize(2000);
    assertThat(out.records("c")).hasSize(1000);
    assertThat(sessionsSince(before, 1)).isEqualTo(1);
  }

  @Test
  void theStreamAfterOneThatFailedReadsOnAFreshConnection() {
    ConfiguredAirbyteCatalog catalog = fullRefresh("fails", "b");

    SyncOutput out = SyncOutput.read(db.config(), catalog, List.of(), EVERY_1000);

    assertThat(out.records("b")).hasSize(2000);
    assertThat(out.traces()).filteredOn(t -> t.streamStatus() != null)
        .extracting(t -> t.streamStatus().streamDescriptor().name() + " " + t.streamStatus().status())
        .containsExactly("fails STARTED", "fails RUNNING", "fails INCOMPLETE", "b STARTED", "b RUNNING", "b COMPLETE");
  }

  @Test
  void theStreamAfterOneThatStoppedInTheMiddleOfItsCopyReadsOnAFreshConnection() {
    ConfiguredAirbyteCatalog catalog = fullRefresh("a", "tiny");

    // Each stream fails at its 101st record: "a" with its COPY still sending, "tiny" never.
    SyncOutput out = SyncOutput.read(db.config(), catalog, List.of(), EVERY_1000, 100);

    assertThat(out.records("a")).hasSize(100);
    assertThat(out.records("tiny")).hasSize(50);
    assertThat(out.traces()).filteredOn(t -> t.streamStatus() != null)
        .extracting(t -> t.streamStatus().streamDescriptor().name() + " " + t.streamStatus().status())
        .containsSubsequence("a INCOMPLETE", "tiny COMPLETE");
  }

  /** Sessions to the test database so far ({@code pg_stat_database.sessions}, PostgreSQL 14+). */
  private static long sessions() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", db.user());
    if (db.password() != null) {
      p.setProperty("password", db.password());
    }
    // Asked from another database, so that asking adds no session to the count.
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", p);
        PreparedStatement s = c.prepareStatement("SELECT sessions FROM pg_stat_database WHERE datname = ?")) {
      s.setString(1, db.database());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * How many sessions were counted since {@code before}: a backend's statistics reach the shared
   * counters a moment after the fact, so this waits for at least {@code expected}, then a little
   * longer for any more.
   */
  private static long sessionsSince(long before, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sessions() - before < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    return sessions() - before;
  }
}
