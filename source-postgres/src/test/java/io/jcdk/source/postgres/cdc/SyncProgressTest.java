package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.testing.LogCapture;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a sync short of its end position gives up, and what it logs meanwhile (time is passed in). */
class SyncProgressTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final Lsn START = Lsn.parse("0/1000000");
  private static final Lsn TARGET = Lsn.parse("0/9000000");

  private static SyncProgress progress(boolean walsenderBusy) {
    return new SyncProgress(() -> walsenderBusy, Duration.ofSeconds(5), START, TARGET, 0);
  }

  @Test
  void anIdleServerStallsOnlyAfterTheInitialWait() throws SQLException {
    SyncProgress progress = progress(false);

    assertThat(progress.stalled(5 * SECOND)).isFalse();
    assertThat(progress.stalled(5 * SECOND + 1)).isTrue();
  }

  @Test
  void changesAndNewPositionsEachRestartTheWait() throws SQLException {
    SyncProgress progress = progress(false);

    progress.message(4 * SECOND);
    assertThat(progress.stalled(8 * SECOND)).isFalse();
    progress.position(Lsn.parse("0/2000000"), 8 * SECOND);
    progress.position(Lsn.parse("0/2000000"), 12 * SECOND);
    assertThat(progress.stalled(13 * SECOND)).as("the position moved at 8 s").isFalse();
    assertThat(progress.stalled(13 * SECOND + 1)).as("the same position again is no progress").isTrue();
  }

  @Test
  void aBusyWalsenderIsProgressAndIsLoggedOnce() throws SQLException {
    SyncProgress progress = progress(true);
    try (LogCapture log = LogCapture.of(SyncProgress.class)) {
      for (long t = 0; t < 100; t++) {
        assertThat(progress.stalled(t * SECOND)).isFalse();
      }

      assertThat(log.messages()).singleElement().satisfies(m -> assertThat(m)
          .contains("No change for 5 s (initial_waiting_seconds), but the server is still decoding")
          .contains("0/9000000").contains("128 MB to go"));
    }
  }

  @Test
  void progressIsLoggedEveryThirtySeconds() {
    SyncProgress progress = progress(false);
    try (LogCapture log = LogCapture.of(SyncProgress.class)) {
      progress.position(Lsn.parse("0/8000000"), 10 * SECOND);
      for (long t = 0; t <= 95; t++) {
        progress.log(t * SECOND, 42);
      }

      assertThat(log.messages()).hasSize(3).first().asString()
          .isEqualTo("Streaming toward 0/9000000: the server has read the WAL up to 0/8000000 (16 MB to go);"
              + " 42 change records so far.");
    }
  }
}
