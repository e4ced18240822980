package io.jcdk.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordClockTest {

  /** A clock that moves only when told, counting how often it is read. */
  private static final class FakeTime {
    long nanos = 1_000_000_000L;
    int readings;

    long nanoTime() {
      readings++;
      return nanos;
    }

    long millis() {
      return nanos / 1_000_000;
    }
  }

  @Test
  void fastRecordsShareReadingsUpToTheMaximumStride() {
    FakeTime time = new FakeTime();
    RecordClock clock = new RecordClock(time::nanoTime, time::millis);
    for (int i = 0; i < 100_000; i++) {
      clock.recordMillis();
      time.nanos += 1_000; // a record per microsecond
    }
    assertThat(time.readings).as("readings for 100,000 records").isLessThan(100_000 / RecordClock.MAX_STRIDE + 20);
  }

  @Test
  void slowRecordsReadTheClockEachTime() {
    FakeTime time = new FakeTime();
    RecordClock clock = new RecordClock(time::nanoTime, time::millis);
    for (int i = 0; i < 100; i++) {
      time.nanos += TimeUnit.MILLISECONDS.toNanos(RecordClock.FRESH_MILLIS);
      assertThat(clock.recordMillis()).isEqualTo(time.millis());
    }
  }

  @Test
  void aRecordIsNeverStampedLaterThanTheWindowAfterAFastRun() {
    FakeTime time = new FakeTime();
    RecordClock clock = new RecordClock(time::nanoTime, time::millis);
    for (int i = 0; i < 10_000; i++) {
      long stamped = clock.recordMillis();
      assertThat(time.millis() - stamped).isLessThanOrEqualTo(2 * RecordClock.FRESH_MILLIS);
      time.nanos += 10_000;
    }
  }

  @Test
  void askingWithNoRecordInBetweenReadsTheClockAfresh() {
    FakeTime time = new FakeTime();
    RecordClock clock = new RecordClock(time::nanoTime, time::millis);
    for (int i = 0; i < 2_000; i++) {
      clock.recordMillis();
    }
    clock.nanos();
    time.nanos += TimeUnit.SECONDS.toNanos(30);
    assertThat(clock.nanos()).as("an idle stream sees time pass").isEqualTo(time.nanos);
    time.nanos += TimeUnit.SECONDS.toNanos(30);
    assertThat(clock.recordMillis()).as("the first record after the idle time").isEqualTo(time.millis());
  }
}
