package io.jcdk.source;

import java.time.Duration;

/** Checkpoint after this many records or this much time since the last state, whichever is first. */
public record CheckpointPolicy(long everyRecords, Duration every) {

  public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(10_000, Duration.ofSeconds(60));

  public CheckpointPolicy {
    if (everyRecords < 1) {
      throw new IllegalArgumentException("everyRecords must be at least 1, was " + everyRecords);
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("every must be positive, was " + every);
    }
  }
}
