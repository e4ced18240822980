package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sync that dies mid-way (its emitter throws, as a killed process stops emitting) and a sync
 * that resumes from the last state the first one emitted: no row is lost, nothing the state covers
 * is read again, and the slot is never ahead of that state.
 */
class CdcCrashRecoveryIT {

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

  @BeforeEach
  void createTableAndSlot() {
    counter++;
    table = "crash_" + counter;
    slot = "crash_slot_" + counter;
    db.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int)",
        "CREATE PUBLICATION crash_pub_" + counter + " FOR TABLE " + table,
        "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  @Test
  void aSyncKilledMidStreamResumesWithoutLossAndTheSlotNeverPassesTheSavedState() {
    verifyResumeMidStream(config());
  }

  @Test
  void withWhileReadingDataTheSlotStillNeverPassesTheLastEmittedState() {
    verifyResumeMidStream(config().withLsnCommit(LsnCommitBehaviour.WHILE_READING));
  }

  private void verifyResumeMidStream(CdcConfig config) {
    GlobalState afterSnapshot = run(config, null, Long.MAX_VALUE).lastState();
    for (int t = 0; t < 50; t++) {
      db.transaction("INSERT INTO " + table + " SELECT g, 0 FROM generate_series(" + (t * 100 + 1) + ", "
          + (t * 100 + 100) + ") g", "UPDATE " + table + " SET v = 1 WHERE id = " + (t * 100 + 1));
    }

    RecordingContext killed = new RecordingContext(afterSnapshot, 250, 2_600);
    assertThatThrownBy(() -> new CdcReader(config, CdcFixtures.connections(db), 0)
        .read(List.of(CdcFixtures.stream(table)), killed)).isInstanceOf(RecordingContext.Crash.class);
    GlobalState saved = killed.lastState();
    assertThat(saved).as("the killed sync checkpointed").isNotNull();
    assertThat(confirmedFlush()).as("the slot is not ahead of the saved state").isLessThanOrEqualTo(lsn(saved));

    RecordingContext resumed = run(config, saved, Long.MAX_VALUE);

    Set<String> committed = new HashSet<>();
    killed.recordsBeforeLastState().forEach(r -> committed.add(r.data().tree().get("id").asText()
        + "/" + r.data().tree().get("v").asText()));
    List<String> again = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    killed.recordsBeforeLastState().forEach(r -> ids.add(r.data().tree().get("id").asInt()));
    for (RecordingContext.Emitted r : resumed.records) {
      String key = r.data().tree().get("id").asText() + "/" + r.data().tree().get("v").asText();
      if (committed.contains(key)) {
        again.add(key);
      }
      ids.add(r.data().tree().get("id").asInt());
    }
    assertThat(ids).as("every row arrives").hasSize(5_000);
    assertThat(again).as("nothing the saved state covers is read again").isEmpty();
    assertThat(resumed.records.size() + killed.recordsBeforeLastState().size()).isEqualTo(5_050);
    assertThat(confirmedFlush()).isLessThanOrEqualTo(lsn(resumed.lastState()));
  }

  @Test
  void aSnapshotKilledMidTableResumesAfterTheLastSavedKey() {
    db.execute("INSERT INTO " + table + " SELECT g, 0 FROM generate_series(1, 20000) g");

    RecordingContext killed = new RecordingContext(null, 1_000, 5_500);
    assertThatThrownBy(() -> new CdcReader(config(), CdcFixtures.connections(db), 0)
        .read(List.of(CdcFixtures.stream(table)), killed)).isInstanceOf(RecordingContext.Crash.class);
    GlobalState saved = killed.lastState();
    assertThat(saved.streamStates().get(0).streamState().get("resume_after").get(0).asText()).isEqualTo("5000");

    db.execute("UPDATE " + table + " SET v = 7 WHERE id IN (10, 15000)", "DELETE FROM " + table + " WHERE id = 20");
    RecordingContext resumed = run(config(), saved, Long.MAX_VALUE);

    List<Integer> snapshotIds = resumed.records.stream().filter(r -> r.data().tree().get("_ab_cdc_deleted_at").isNull())
        .map(r -> r.data().tree().get("id").asInt()).toList();
    assertThat(snapshotIds.get(0)).as("the snapshot continues after the saved key").isEqualTo(5_001);
    assertThat(resumed.records).filteredOn(r -> r.data().tree().get("id").asInt() == 10)
        .as("a change to an already-sent row arrives from the stream").hasSize(1);
    assertThat(resumed.records).filteredOn(r -> r.data().tree().get("id").asInt() == 20)
        .singleElement().satisfies(r -> assertThat(r.data().tree().get("_ab_cdc_deleted_at").isNull()).isFalse());
    Set<Integer> ids = new HashSet<>();
    killed.recordsBeforeLastState().forEach(r -> ids.add(r.data().tree().get("id").asInt()));
    resumed.records.forEach(r -> ids.add(r.data().tree().get("id").asInt()));
    assertThat(ids).hasSize(20_000);
  }

  private RecordingContext run(CdcConfig config, GlobalState prior, long crashAt) {
    RecordingContext context = new RecordingContext(prior, 250, crashAt);
    new CdcReader(config, CdcFixtures.connections(db), 0).read(List.of(CdcFixtures.stream(table)), context);
    return context;
  }

  private CdcConfig config() {
    return CdcFixtures.config(slot, "crash_pub_" + counter);
  }

  private Lsn confirmedFlush() {
    return Lsn.parse(db.queryString("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '"
        + slot + "'"));
  }

  private static Lsn lsn(GlobalState state) {
    return Lsn.parse(state.sharedState().get("lsn").asText());
  }
}
