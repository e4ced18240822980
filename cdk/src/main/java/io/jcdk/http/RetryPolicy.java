package io.jcdk.http;

import java.time.Duration;

/**
 * When a failed request is sent again: after a connection error, a timeout, a body that broke off,
 * or a status of 408, 429 or 5xx (but 501 and 505, which no retry changes).
 *
 * <p>Before attempt {@code n + 1} the requester waits {@code baseDelay · 2^(n-1)}, at most {@code
 * maxDelay}, with equal jitter (a random point in the upper half, so that many clients that failed
 * together do not retry together), or exactly what the response's {@code Retry-After} asks for. It
 * gives up after {@code maxAttempts} attempts, or as soon as the next wait would take the total wait
 * of the request past {@code maxTotalWait} (a {@code Retry-After} beyond it fails at once rather
 * than wait in vain). Giving up is a transient_error naming the request and the last failure.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param baseDelay the first backoff (before jitter)
 * @param maxDelay the longest single backoff (a Retry-After may ask for more)
 * @param maxTotalWait the most one request may spend waiting between its attempts
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotalWait) {

  /** 6 attempts, 1 s doubling to at most 60 s, 10 minutes of waiting in all. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxTotalWait.isNegative()) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay and maxTotalWait >= 0, was "
          + baseDelay + ", " + maxDelay + ", " + maxTotalWait);
    }
  }

  /** Never retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxDelay, maxTotalWait);
  }

  /** The same policy with another first backoff (tests use milliseconds). */
  public RetryPolicy withBaseDelay(Duration base) {
    return new RetryPolicy(maxAttempts, base, maxDelay.compareTo(base) < 0 ? base : maxDelay, maxTotalWait);
  }

  public RetryPolicy withMaxTotalWait(Duration total) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, total);
  }

  /** The backoff after {@code failedAttempts} failures, {@code random} in [0, 1) placing it in the upper half. */
  Duration backoff(int failedAttempts, double random) {
    long base = baseDelay.toNanos();
    long max = maxDelay.toNanos();
    int shift = Math.min(failedAttempts - 1, 62);
    long exponential = base > (max >> shift) ? max : Math.min(max, base << shift);
    return Duration.ofNanos(exponential / 2 + (long) (exponential / 2 * random));
  }

  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500 && status != 501 && status != 505;
  }
}
