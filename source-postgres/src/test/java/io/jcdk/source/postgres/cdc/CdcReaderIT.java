package io.jcdk.source.postgres.cdc;

import static io.jcdk.source.postgres.cdc.CdcTable.lsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.CdcConfig.InvalidPositionBehavior;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import io.jcdk.testing.LogCapture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole CDC syncs against a real server: snapshot, streaming, state and the slot. */
class CdcReaderIT {

  /** An ISO 8601 instant in UTC with at most six fractional digits. */
  private static final String MICROSECONDS_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z";

  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int PRIMARY KEY, name text, big text)",
      "ALTER COLUMN big SET STORAGE EXTERNAL");

  @Test
  void firstSyncSnapshotsThenLaterSyncsStreamInsertsUpdatesAndDeletes() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL), (2, 'two', NULL)");

    RecordingContext first = table.sync(null);

    assertThat(first.records).hasSize(2);
    JsonNode row = first.records.get(0).data().tree();
    assertThat(row.get("id").asInt()).isEqualTo(1);
    assertThat(row.get("name").asText()).isEqualTo("one");
    assertThat(row.get("_ab_cdc_lsn").isIntegralNumber()).isTrue();
    assertThat(row.get("_ab_cdc_updated_at").asText()).as("microseconds, as the server's commit times")
        .matches(MICROSECONDS_UTC);
    assertThat(row.get("_ab_cdc_deleted_at").isNull()).isTrue();
    assertThat(first.finalState.streamStates().get(0).streamState().get("phase").asText()).isEqualTo("streaming");

    table.execute("INSERT INTO " + table + " VALUES (3, 'three', NULL)",
        "UPDATE " + table + " SET name = 'uno' WHERE id = 1",
        "DELETE FROM " + table + " WHERE id = 2");
    RecordingContext second = table.sync(first.lastState());

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(3, 1, 2);
    JsonNode insert = second.records.get(0).data().tree();
    JsonNode update = second.records.get(1).data().tree();
    JsonNode delete = second.records.get(2).data().tree();
    assertThat(update.get("name").asText()).isEqualTo("uno");
    assertThat(delete.has("name")).as("a delete carries the key columns only").isFalse();
    assertThat(delete.get("_ab_cdc_deleted_at").asText()).isEqualTo(delete.get("_ab_cdc_updated_at").asText());
    assertThat(insert.get("_ab_cdc_updated_at").asText()).matches(MICROSECONDS_UTC);
    assertThat(insert.get("_ab_cdc_lsn").asLong()).isLessThan(update.get("_ab_cdc_lsn").asLong());
    assertThat(update.get("_ab_cdc_lsn").asLong()).isLessThan(delete.get("_ab_cdc_lsn").asLong());
    assertThat(insert.get("_ab_cdc_lsn").asLong())
        .as("changes sort after the snapshot rows").isGreaterThan(row.get("_ab_cdc_lsn").asLong());

    RecordingContext third = table.sync(second.lastState());
    assertThat(third.records).as("nothing is read twice").isEmpty();
  }

  @Test
  void aSyncWithNothingNewEndsAsSoonAsItReachesTheStartPosition() {
    GlobalState state = table.sync(null).lastState();
    table.execute("CREATE TABLE unpublished (x int)", "INSERT INTO unpublished SELECT generate_series(1, 1000)");

    long start = System.nanoTime();
    RecordingContext idle = table.sync(table.config().withInitialWaiting(Duration.ofSeconds(600)), state);

    assertThat(idle.records).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(lsn(idle.finalState)).as("the position moves past WAL of other tables").isGreaterThan(lsn(state));
  }

  @Test
  void multiStatementTransactionsArriveWholeInCommitOrder() throws Exception {
    GlobalState state = table.sync(null).lastState();
    try (Connection a = table.db().connect(); Connection b = table.db().connect(); Statement sa = a.createStatement();
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

    RecordingContext second = table.sync(state);

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(20, 21, 10, 11);
  }

  @Test
  void aHundredThousandRowTransactionIsStreamedWholeAndCheckpointedOnlyAtItsEnd() {
    GlobalState state = table.sync(null).lastState();
    table.execute("INSERT INTO " + table + " SELECT g, 'row ' || g, NULL FROM generate_series(1, 100000) g");

    RecordingContext context = new RecordingContext(state, 1_000, Long.MAX_VALUE);
    table.read(table.config(), context);

    assertThat(context.records).hasSize(100_000);
    assertThat(context.records.get(99_999).data().tree().get("name").asText()).isEqualTo("row 100000");
    assertThat(context.states).as("no checkpoint inside a transaction").hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void truncateIsReportedAndLaterChangesStillFlow() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState state = table.sync(null).lastState();
    table.execute("TRUNCATE " + table, "INSERT INTO " + table + " VALUES (5, 'five', NULL)");
    LogCapture log = LogCapture.of(ChangeStream.class);
    RecordingContext second = table.syncCapturing(log, state);

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(5);
    assertThat(log.warnings()).singleElement()
        .satisfies(m -> assertThat(m).contains("public." + table + " was truncated"));
  }

  @Test
  void unchangedToastValuesComeFromTheOldRowWithReplicaIdentityFull() {
    String big = "f".repeat(20_000);
    table.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL",
        "INSERT INTO " + table + " VALUES (1, 'one', '" + big + "')");
    GlobalState state = table.sync(null).lastState();
    table.execute("UPDATE " + table + " SET name = 'uno' WHERE id = 1", "DELETE FROM " + table + " WHERE id = 1");

    RecordingContext second = table.sync(state);

    JsonNode update = second.records.get(0).data().tree();
    assertThat(update.get("big").asText()).isEqualTo(big);
    assertThat(second.records.get(0).meta()).isNull();
    JsonNode delete = second.records.get(1).data().tree();
    assertThat(delete.get("big").asText()).as("FULL deletes carry the whole row").isEqualTo(big);
  }

  @Test
  void aChangedPrimaryKeyDeletesTheOldKey() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState state = table.sync(null).lastState();
    table.execute("UPDATE " + table + " SET id = 2 WHERE id = 1");

    RecordingContext second = table.sync(state);

    assertThat(second.rows(table.name())).hasSize(2);
    assertThat(second.records.get(0).data().tree().get("id").asInt()).isEqualTo(1);
    assertThat(second.records.get(0).data().tree().get("_ab_cdc_deleted_at").isNull()).isFalse();
    assertThat(second.records.get(1).data().tree().get("id").asInt()).isEqualTo(2);
  }

  @Test
  void columnsAddedAndDroppedMidStreamShowInTheNextRecords() {
    GlobalState state = table.sync(null).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)",
        "ALTER TABLE " + table + " ADD COLUMN extra int",
        "INSERT INTO " + table + " VALUES (2, 'two', NULL, 22)",
        "ALTER TABLE " + table + " DROP COLUMN name",
        "INSERT INTO " + table + " VALUES (3, NULL, 33)");

    RecordingContext second = table.sync(state);

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
    table.execute("INSERT INTO " + table + " VALUES (1, 'before snapshot', NULL)");
    try (Connection open = table.db().connect(); Statement s = open.createStatement()) {
      open.setAutoCommit(false);
      s.execute("INSERT INTO " + table + " VALUES (2, 'in flight during snapshot', NULL)");

      RecordingContext first = table.sync(null);
      assertThat(first.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(1);
      JsonNode filter = first.states.get(0).streamStates().get(0).streamState().get("snapshot");
      assertThat(filter.get("xip")).as("the open transaction is running in the snapshot").hasSize(1);

      open.commit();
      RecordingContext second = table.sync(first.lastState());
      assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(2);
    }
  }

  @Test
  void theSlotOnlyAdvancesToTheStateTheNextSyncStartsFrom() {
    GlobalState first = table.sync(null).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState second = table.sync(first).lastState();

    assertThat(table.confirmedFlush()).as("after loading in the destination: the input state only")
        .isEqualTo(lsn(first));
    assertThat(lsn(second)).isGreaterThan(lsn(first));

    table.sync(second);
    assertThat(table.confirmedFlush()).isEqualTo(lsn(second));
  }

  @Test
  void whileReadingDataFlushesEachCheckpoint() {
    GlobalState first = table.sync(null).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");

    RecordingContext second = table.sync(table.config().withLsnCommit(LsnCommitBehaviour.WHILE_READING), first);

    assertThat(table.confirmedFlush()).isEqualTo(lsn(second.lastState()));
  }

  @Test
  void aSavedPositionBehindTheSlotFailsOrResyncsAsConfigured() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");
    GlobalState state = table.sync(null).lastState();
    // Another client consumes the slot past the saved position (flushed first: the test server
    // commits asynchronously, and a slot never advances past flushed WAL).
    table.execute("SET synchronous_commit = on", "INSERT INTO " + table + " VALUES (2, 'two', NULL)",
        "SELECT pg_replication_slot_advance('" + table.slot() + "', pg_current_wal_lsn())");

    assertThatThrownBy(() -> table.sync(state))
        .isInstanceOfSatisfying(ConnectorException.class,
            e -> assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR))
        .hasMessageContaining("older than replication slot '" + table.slot() + "'");

    RecordingContext resync =
        table.sync(table.config().withInvalidPosition(InvalidPositionBehavior.RESYNC_DATA), state);
    assertThat(resync.records).extracting(r -> r.data().tree().get("id").asInt()).containsExactly(1, 2);
  }

  @Test
  void aMissingSlotOrUnpublishedTableIsAConfigError() {
    assertThatThrownBy(() -> table.sync(CdcFixtures.config("no_such_slot", table.publication()), null))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("slot 'no_such_slot' does not exist");
    table.execute("CREATE TABLE " + table + "_lonely (id int PRIMARY KEY)");
    assertThatThrownBy(() -> table.sync(table.config(), null, CdcFixtures.stream(table + "_lonely")))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("is not in publication");
  }

  @Test
  void aPartitionedTableIsCapturedThroughItsPartitions() {
    String parent = table + "_parted";
    table.execute(
        "CREATE TABLE " + parent + " (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
        "CREATE TABLE " + parent + "_eu PARTITION OF " + parent + " FOR VALUES IN ('eu')",
        "CREATE TABLE " + parent + "_us (region text, id int, PRIMARY KEY (id, region))",
        "ALTER TABLE " + parent + " ATTACH PARTITION " + parent + "_us FOR VALUES IN ('us')",
        "ALTER PUBLICATION " + table.publication() + " ADD TABLE " + parent,
        "INSERT INTO " + parent + " VALUES (1, 'eu'), (2, 'us')");
    GlobalState state = table.sync(table.config(), null, CdcFixtures.stream(parent)).lastState();
    table.execute("INSERT INTO " + parent + " VALUES (3, 'eu'), (4, 'us')", "DELETE FROM " + parent + " WHERE id = 1");

    RecordingContext second = table.sync(table.config(), state, CdcFixtures.stream(parent));

    assertThat(second.records).extracting(r -> r.data().tree().get("id").asInt() + "/"
        + r.data().tree().get("region").asText()).containsExactly("3/eu", "4/us", "1/eu");
  }

  @Test
  void aPublicationNamedWithUpperCaseSpacesAndQuotesWorks() {
    String name = "Pub \"" + table + "\", it's";
    table.execute("CREATE PUBLICATION \"Pub \"\"" + table + "\"\", it's\" FOR TABLE " + table);
    CdcConfig quoted = CdcFixtures.config(table.slot(), name);
    GlobalState state = table.sync(quoted, null).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 'one', NULL)");

    assertThat(table.sync(quoted, state).records).hasSize(1);
  }

  @Test
  void theHeartbeatQueryRunsWhileStreaming() {
    table.execute("CREATE TABLE " + table + "_beats (at timestamptz)");
    CdcConfig withHeartbeat = new CdcConfig(table.slot(), table.publication(), Duration.ofSeconds(30), 10_000,
        LsnCommitBehaviour.AFTER_DESTINATION, java.util.Optional.of("INSERT INTO " + table + "_beats VALUES (now())"),
        InvalidPositionBehavior.FAIL_SYNC, Duration.ofHours(8));

    table.sync(withHeartbeat, null);

    assertThat(Integer.parseInt(table.db().queryString("SELECT count(*) FROM " + table + "_beats"))).isPositive();
  }
}
