package io.jcdk.source.postgres.cdc;

import static io.jcdk.source.postgres.cdc.CdcTable.lsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sync that dies mid-way (its emitter throws, as a killed process stops emitting) and a sync
 * that resumes from the last state the first one emitted: no row is lost, nothing the state covers
 * is read again, and the slot is never ahead of that state.
 */
class CdcCrashRecoveryIT {

  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int PRIMARY KEY, v int)");

  @Test
  void aSyncKilledMidStreamResumesWithoutLossAndTheSlotNeverPassesTheSavedState() {
    verifyResumeMidStream(table.config());
  }

  @Test
  void withWhileReadingDataTheSlotStillNeverPassesTheLastEmittedState() {
    verifyResumeMidStream(table.config().withLsnCommit(LsnCommitBehaviour.WHILE_READING));
  }

  private void verifyResumeMidStream(CdcConfig config) {
    GlobalState afterSnapshot = run(config, null).lastState();
    for (int t = 0; t < 50; t++) {
      table.db().transaction("INSERT INTO " + table + " SELECT g, 0 FROM generate_series(" + (t * 100 + 1) + ", "
          + (t * 100 + 100) + ") g", "UPDATE " + table + " SET v = 1 WHERE id = " + (t * 100 + 1));
    }

    RecordingContext killed = new RecordingContext(afterSnapshot, 250, 2_600);
    assertThatThrownBy(() -> table.read(config, killed)).isInstanceOf(RecordingContext.Crash.class);
    GlobalState saved = killed.lastState();
    assertThat(saved).as("the killed sync checkpointed").isNotNull();
    assertThat(table.confirmedFlush()).as("the slot is not ahead of the saved state").isLessThanOrEqualTo(lsn(saved));

    RecordingContext resumed = run(config, saved);

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
    assertThat(table.confirmedFlush()).isLessThanOrEqualTo(lsn(resumed.lastState()));
  }

  @Test
  void aSnapshotKilledMidTableResumesAfterTheLastSavedKey() {
    table.execute("INSERT INTO " + table + " SELECT g, 0 FROM generate_series(1, 20000) g");

    RecordingContext killed = new RecordingContext(null, 1_000, 5_500);
    assertThatThrownBy(() -> table.read(table.config(), killed)).isInstanceOf(RecordingContext.Crash.class);
    GlobalState saved = killed.lastState();
    assertThat(saved.streamStates().get(0).streamState().get("resume_after").get(0).asText()).isEqualTo("5000");

    table.execute("UPDATE " + table + " SET v = 7 WHERE id IN (10, 15000)", "DELETE FROM " + table + " WHERE id = 20");
    RecordingContext resumed = run(table.config(), saved);

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

  private RecordingContext run(CdcConfig config, GlobalState prior) {
    return table.read(config, new RecordingContext(prior, 250, Long.MAX_VALUE));
  }
}
