package io.jcdk.source;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The time of a read, for {@code emitted_at} and for time-based checkpoints, read from the system
 * clocks once per run of records rather than twice per record (which cost a few percent of a fast
 * read's CPU).
 *
 * <p>How many records share one reading adapts to the rate: it doubles, up to {@value #MAX_STRIDE},
 * while readings come less than {@value #FRESH_MILLIS} ms apart, and falls back to every record
 * when they do not. So a fast read stamps its records to within about that much, a slow one reads
 * the clock per record, and the time is read afresh whenever it is asked for with no record in
 * between (an idle stream asking whether a checkpoint is due). Records emitted right after a stall
 * in the middle of a fast run may carry the time from before the stall, at most one stride of them.
 */
final class RecordClock {

  static final int MAX_STRIDE = 1024;
  static final long FRESH_MILLIS = 10;

  private final LongSupplier nanoTime;
  private final LongSupplier currentTimeMillis;
  private long nanos;
  private long millis;
  private long records;
  private long recordsAtReading = -1;
  private long recordsAtLastNanos = -1;
  private int stride = 1;

  RecordClock() {
    this(System::nanoTime, System::currentTimeMillis);
  }

  RecordClock(LongSupplier nanoTime, LongSupplier currentTimeMillis) {
    this.nanoTime = nanoTime;
    this.currentTimeMillis = currentTimeMillis;
  }

  /** The time for a record about to be emitted, in milliseconds since the epoch. */
  long recordMillis() {
    records++;
    if (records - recordsAtReading >= stride) {
      read();
    }
    return millis;
  }

  /**
   * {@link System#nanoTime()} as of the last reading, or a new reading if no record was emitted
   * since the previous call (or this is the first).
   */
  long nanos() {
    if (records == recordsAtLastNanos || recordsAtReading < 0) {
      read();
    }
    recordsAtLastNanos = records;
    return nanos;
  }

  private void read() {
    long now = nanoTime.getAsLong();
    if (recordsAtReading >= 0 && now - nanos < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
      stride = Math.min(MAX_STRIDE, stride * 2);
    } else {
      stride = 1;
    }
    nanos = now;
    millis = currentTimeMillis.getAsLong();
    recordsAtReading = records;
  }
}
