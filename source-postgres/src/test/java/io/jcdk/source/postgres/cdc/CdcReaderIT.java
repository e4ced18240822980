package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.CdcConfig.InvalidPositionBehavior;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import io.jcdk.testing.LogCapture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole CDC syncs against a real server: snapshot, streaming, state and the slot. */
class CdcReaderIT {

  private static CdcTestDatabase db;
  private static int counter;
  private String slot;
  private String table;

  @BeforeAll
  static void start() {
    db = CdcTestDatabase.create();
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  /** Each test gets its own table, publication and slot. */
  @BeforeEach
  void createTableAndSlot() {
    counter++;
    table = "t" + counter;
    slot = "slot_" + counter;
    db.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, big text)",
        "ALTER TABLE " + table + " ALTER COLUMN big SET STORAGE EXTERNAL",
        "CREATE PUBLICATION pub_" + counter + " FOR TABLE " + table,
        "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  private CdcConfig config() {
    return CdcFixtures.config(slot, "pub_" + counter);
  }

  private RecordingContext sync(CdcConfig config, GlobalState prior, ConfiguredAirbyteStream... streams) {
    RecordingContext context = new RecordingContext(prior);
    new CdcReader(config, CdcFixtures.connections(db), 0).read(List.of(streams), context);
    return context;
  }

  private RecordingContext sync(GlobalState prior) {
    return sync(config(), prior, CdcFixtures.stream(table));
  }

  @Test
  void firstSyncSnapshotsThenLaterSyncsStreamInsertsUpdatesAndDeletes() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL), (2, 'two', NULL)");

    RecordingContext first = sync(null);

    assertThat(first.records).hasSize(2);
    JsonNode row = first.records.get(0).data().tree();
    assertThat(row.get("id").asInt()).isEqualTo(1);
    assertThat(row.get("name").asText()).isEqualTo("one");
    assertThat(row.get("_ab_cdc_lsn").isIntegralNumber()).isTrue();
    assertThat(row.get("_ab_cdc_updated_at").asText()).endsWith("Z");
    assertThat(row.get("_ab_cdc_deleted_at").isNull()).isTrue();
    assertThat(first.finalState.streamStates().get(0).streamState().get("phase").asText()).isEqualTo("streaming");

    db.execute("INSERT INTO " + table + " VALUES (3, 'three', NULL)",
        "UPDATE " + table + " SET name = 'uno' WHERE id = 1",
        "DELETE FROM " + table + " WHERE id = 2");
    RecordingContext second = sync(first.lastState());

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(3, 1, 2);
    JsonNode insert = second.records.get(0).data().tree();
    JsonNode update = second.records.get(1).data().tree();
    JsonNode delete = second.records.get(2).data().tree();
    assertThat(update.get("name").asText()).isEqualTo("uno");
    assertThat(delete.has("name")).as("a delete carries the key columns only").isFalse();
    assertThat(delete.get("_ab_cdc_deleted_at").asText()).isEqualTo(delete.get("_ab_cdc_updated_at").asText());
    assertThat(insert.get("_ab_cdc_lsn").asLong()).isLessThan(update.get("_ab_cdc_lsn").asLong());
    assertThat(update.get("_ab_cdc_lsn").asLong()).isLessThan(delete.get("_ab_cdc_lsn").asLong());
    assertThat(insert.get("_ab_cdc_lsn").asLong())
        .as("changes sort after the snapshot rows").isGreaterThan(row.get("_ab_cdc_lsn").asLong());

    RecordingContext third = sync(second.lastState());
    assertThat(third.records).as("nothing is read twice").isEmpty();
  }

  @Test
  void aSyncWithNothingNewEndsAsSoonAsItReachesTheStartPosition() {
    GlobalState state = sync(null).lastState();
    db.execute("CREATE TABLE unpublished (x int)", "INSERT INTO unpublished SELECT generate_series(1, 1000)");

    long start = System.nanoTime();
    RecordingContext idle = sync(config().withInitialWaiting(Duration.ofSeconds(600)), state,
        CdcFixtures.stream(table));

    assertThat(idle.records).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(Lsn.parse(idle.finalState.sharedState().get("lsn").asText()))
        .as("the position moves past WAL of other tables").isGreaterThan(Lsn.parse(state.sharedState().get("lsn").asText()));
  }

  @Test
  void multiStatementTransactionsArriveWholeInCommitOrder() throws Exception {
    GlobalState state = sync(null).lastState();
    try (Connection a = db.connect(); Connection b = db.connect(); Statement sa = a.createStatement();
        Statement sb = b.createStatement()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.execute("INSERT INTO " + table + " VALUES (10, 'a1', NULL)");
      sb.execute("INSERT INTO " + table + " VALUES (20, 'b1', NULL)");
      sa.execute("INSERT INTO " + table + " VALUES (11, 'a2', NULL)");
      sb.execute("INSERT INTO " + table + " VALUES (21, 'b2', NULL)");
      b.commit();
      a.commit();
    }

    RecordingContext second = sync(state);

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(20, 21, 10, 11);
  }

  @Test
  void aHundredThousandRowTransactionIsStreamedWholeAndCheckpointedOnlyAtItsEnd() {
    GlobalState state = sync(null).lastState();
    db.execute("INSERT INTO " + table + " SELECT g, 'row ' || g, NULL FROM generate_series(1, 100000) g");

    RecordingContext context = new RecordingContext(state, 1_000, Long.MAX_VALUE);
    new CdcReader(config(), CdcFixtures.connections(db), 0).read(List.of(CdcFixtures.stream(table)), context);

    assertThat(context.records).hasSize(100_000);
    assertThat(context.records.get(99_999).data().tree().get("name").asText()).isEqualTo("row 100000");
    assertThat(context.states).as("no checkpoint inside a transaction").hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void truncateIsReportedAndLaterChangesStillFlow() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState state = sync(null).lastState();
    db.execute("TRUNCATE " + table, "INSERT INTO " + table + " VALUES (5, 'five', NULL)");
    RecordingContext second;
    List<String> warnings;
    try (LogCapture log = LogCapture.of(ChangeStream.class)) {
      second = sync(state);
      warnings = log.warnings();
    }

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(5);
    assertThat(warnings).singleElement().satisfies(m -> assertThat(m).contains("public." + table + " was truncated"));
  }

  @Test
  void unchangedToastValuesComeFromTheOldRowWithReplicaIdentityFull() {
    String big = "f".repeat(20_000);
    db.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL",
        "INSERT INTO " + table + " VALUES (1, 'one', '" + big + "')");
    GlobalState state = sync(null).lastState();
    db.execute("UPDATE " + table + " SET name = 'uno' WHERE id = 1", "DELETE FROM " + table + " WHERE id = 1");

    RecordingContext second = sync(state);

    JsonNode update = second.records.get(0).data().tree();
    assertThat(update.get("big").asText()).isEqualTo(big);
    assertThat(second.records.get(0).meta()).isNull();
    JsonNode delete = second.records.get(1).data().tree();
    assertThat(delete.get("big").asText()).as("FULL deletes carry the whole row").isEqualTo(big);
  }

  @Test
  void aChangedPrimaryKeyDeletesTheOldKey() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState state = sync(null).lastState();
    db.execute("UPDATE " + table + " SET id = 2 WHERE id = 1");

    RecordingContext second = sync(state);

    assertThat(second.rows(table)).hasSize(2);
    assertThat(second.records.get(0).data().tree().get("id").asInt()).isEqualTo(1);
    assertThat(second.records.get(0).data().tree().get("_ab_cdc_deleted_at").isNull()).isFalse();
    assertThat(second.records.get(1).data().tree().get("id").asInt()).isEqualTo(2);
  }

  @Test
  void columnsAddedAndDroppedMidStreamShowInTheNextRecords() {
    GlobalState state = sync(null).lastState();
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)",
        "ALTER TABLE " + table + " ADD COLUMN extra int",
        "INSERT INTO " + table + " VALUES (2, 'two', NULL, 22)",
        "ALTER TABLE " + table + " DROP COLUMN name",
        "INSERT INTO " + table + " VALUES (3, NULL, 33)");

    RecordingContext second = sync(state);

    List<JsonNode> rows = second.records.stream().map(r -> r.data().tree()).toList();
    assertThat(rows.get(0).has("extra")).isFalse();
    assertThat(rows.get(1).get("extra").asInt()).isEqualTo(22);
    assertThat(rows.get(1).get("name").asText()).isEqualTo("two");
    assertThat(rows.get(2).has("name")).isFalse();
    assertThat(rows.get(2).get("extra").asInt()).isEqualTo(33);
  }

  @Test
  void changesBetweenSlotAndSnapshotAreNeitherLostNorAppliedTwice() throws Exception {
    // The slot exists before these changes, so the stream re-sends what the snapshot already holds.
    db.execute("INSERT INTO " + table + " VALUES (1, 'before snapshot', NULL)");
    try (Connection open = db.connect(); Statement s = open.createStatement()) {
      open.setAutoCommit(false);
      s.execute("INSERT INTO " + table + " VALUES (2, 'in flight during snapshot', NULL)");

      RecordingContext first = sync(null);
      assertThat(first.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(1);
      JsonNode filter = first.states.get(0).streamStates().get(0).streamState().get("snapshot");
      assertThat(filter.get("xip")).as("the open transaction is running in the snapshot").hasSize(1);

      open.commit();
      RecordingContext second = sync(first.lastState());
      assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(2);
    }
  }

  @Test
  void theSlotOnlyAdvancesToTheStateTheNextSyncStartsFrom() {
    GlobalState first = sync(null).lastState();
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState second = sync(first).lastState();

    assertThat(confirmedFlush()).as("after loading in the destination: the input state only")
        .isEqualTo(lsn(first));
    assertThat(lsn(second)).isGreaterThan(lsn(first));

    sync(second);
    assertThat(confirmedFlush()).isEqualTo(lsn(second));
  }

  @Test
  void whileReadingDataFlushesEachCheckpoint() {
    GlobalState first = sync(null).lastState();
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");

    RecordingContext second = sync(config().withLsnCommit(LsnCommitBehaviour.WHILE_READING), first,
        CdcFixtures.stream(table));

    assertThat(confirmedFlush()).isEqualTo(lsn(second.lastState()));
  }

  @Test
  void aSavedPositionBehindTheSlotFailsOrResyncsAsConfigured() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState state = sync(null).lastState();
    // Another client consumes the slot past the saved position (flushed first: the test server
    // commits asynchronously, and a slot never advances past flushed WAL).
    db.execute("SET synchronous_commit = on", "INSERT INTO " + table + " VALUES (2, 'two', NULL)",
        "SELECT pg_replication_slot_advance('" + slot + "', pg_current_wal_lsn())");

    assertThatThrownBy(() -> sync(state))
        .isInstanceOfSatisfying(ConnectorException.class,
            e -> assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR))
        .hasMessageContaining("older than replication slot '" + slot + "'");

    RecordingContext resync = sync(config().withInvalidPosition(InvalidPositionBehavior.RESYNC_DATA), state,
        CdcFixtures.stream(table));
    assertThat(resync.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(1, 2);
  }

  @Test
  void aMissingSlotOrUnpublishedTableIsAConfigError() {
    assertThatThrownBy(() -> sync(CdcFixtures.config("no_such_slot", "pub_" + counter), null,
        CdcFixtures.stream(table)))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("slot 'no_such_slot' does not exist");
    db.execute("CREATE TABLE lonely_" + counter + " (id int PRIMARY KEY)");
    assertThatThrownBy(() -> sync(config(), null, CdcFixtures.stream("lonely_" + counter)))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("is not in publication");
  }

  @Test
  void aPartitionedTableIsCapturedThroughItsPartitions() {
    String parent = "parted_" + counter;
    db.execute("CREATE TABLE " + parent + " (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
        "CREATE TABLE " + parent + "_eu PARTITION OF " + parent + " FOR VALUES IN ('eu')",
        "CREATE TABLE " + parent + "_us (region text, id int, PRIMARY KEY (id, region))",
        "ALTER TABLE " + parent + " ATTACH PARTITION " + parent + "_us FOR VALUES IN ('us')",
        "ALTER PUBLICATION pub_" + counter + " ADD TABLE " + parent,
        "INSERT INTO " + parent + " VALUES (1, 'eu'), (2, 'us')");
    GlobalState state = sync(config(), null, CdcFixtures.stream(parent)).lastState();
    db.execute("INSERT INTO " + parent + " VALUES (3, 'eu'), (4, 'us')", "DELETE FROM " + parent + " WHERE id = 1");

    RecordingContext second = sync(config(), state, CdcFixtures.stream(parent));

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt() + "/"
        + r.data().tree().get("region").asText()).containsExactly("3/eu", "4/us", "1/eu");
  }

  @Test
  void aPublicationNamedWithUpperCaseSpacesAndQuotesWorks() {
    String name = "Pub \"" + counter + "\", it's";
    db.execute("CREATE PUBLICATION \"Pub \"\"" + counter + "\"\", it's\" FOR TABLE " + table);
    CdcConfig quoted = CdcFixtures.config(slot, name);
    GlobalState state = sync(quoted, null, CdcFixtures.stream(table)).lastState();
    db.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");

    assertThat(sync(quoted, state, CdcFixtures.stream(table)).records).hasSize(1);
  }

  @Test
  void theHeartbeatQueryRunsWhileStreaming() {
    db.execute("CREATE TABLE beats_" + counter + " (at timestamptz)");
    CdcConfig withHeartbeat = new CdcConfig(slot, "pub_" + counter, Duration.ofSeconds(30), 10_000,
        LsnCommitBehaviour.AFTER_DESTINATION, java.util.Optional.of("INSERT INTO beats_" + counter + " VALUES (now())"),
        InvalidPositionBehavior.FAIL_SYNC, Duration.ofHours(8));

    sync(withHeartbeat, null, CdcFixtures.stream(table));

    assertThat(Integer.parseInt(db.queryString("SELECT count(*) FROM beats_" + counter))).isPositive();
  }

  private Lsn confirmedFlush() {
    return Lsn.parse(db.queryString("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '"
        + slot + "'"));
  }

  private static Lsn lsn(GlobalState state) {
    return Lsn.parse(state.sharedState().get("lsn").asText());
  }
}
