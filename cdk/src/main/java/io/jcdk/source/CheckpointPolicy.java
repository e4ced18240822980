package io.jcdk.source;

import java.time.Duration;

/**
 * Checkpoint after this many records or this much time since the last state, whichever is first.
 *
 * <p>The environment variable {@value #RECORDS_VARIABLE} (a whole number, at least 1) replaces the
 * record count of whatever policy the source asks for, without a rebuild: an operator checkpoints a
 * large table more often (a crash then re-reads less) or less often (fewer, larger state messages),
 * and the acceptance harness sets it low, so that a few test rows give intermediate states to
 * resume from. It counts the records of one stream since its last state; the time limit stays.
 * A value that is not a whole number of at least 1 is a config error.
 */
public record CheckpointPolicy(long everyRecords, Duration every) {

  public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(10_000, Duration.ofSeconds(60));

  /** The environment variable that overrides {@link #everyRecords()}. */
  public static final String RECORDS_VARIABLE = "JCDK_CHECKPOINT_RECORDS";

  public CheckpointPolicy {
    if (everyRecords < 1) {
      throw new IllegalArgumentException("everyRecords must be at least 1, was " + everyRecords);
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("every must be positive, was " + every);
    }
  }
}
