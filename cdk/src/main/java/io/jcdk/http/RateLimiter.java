package io.jcdk.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** At most {@code perSecond} requests a second, spaced evenly; callers wait for their slot. */
final class RateLimiter {

  private final long intervalNanos;
  private final Clock clock;
  private final Sleeper sleeper;
  private long nextSlot = Long.MIN_VALUE;

  RateLimiter(double perSecond, Clock clock, Sleeper sleeper) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("a rate limit must be positive, was " + perSecond + " requests per second");
    }
    this.intervalNanos = (long) (1e9 / perSecond);
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits until this caller may send a request. */
  void acquire() throws InterruptedException {
    long now = nanos(clock.instant());
    long slot;
    synchronized (this) {
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    if (slot > now) {
      sleeper.sleep(Duration.ofNanos(slot - now));
    }
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
