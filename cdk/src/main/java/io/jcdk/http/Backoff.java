package io.jcdk.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The retries of one request under a {@link RetryPolicy}: counts attempts and the time waited. */
final class Backoff {

  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private int failed;
  private Duration waited = Duration.ZERO;
  private String gaveUp = "";

  Backoff(RetryPolicy policy, Clock clock, Sleeper sleeper) {
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Counts a failed attempt and waits before the next; false when the policy allows no further
   * attempt (then nothing was waited). {@code retryAfter} is the response's header, or null.
   */
  boolean waitBeforeRetry(String retryAfter) throws InterruptedException {
    failed++;
    if (failed >= policy.maxAttempts()) {
      gaveUp = failed + " attempt" + (failed == 1 ? "" : "s") + " (the most the retry policy allows)";
      return false;
    }
    Optional<Duration> asked = retryAfter(retryAfter);
    Duration wait = asked.orElseGet(() -> policy.backoff(failed, ThreadLocalRandom.current().nextDouble()));
    if (waited.plus(wait).compareTo(policy.maxTotalWait()) > 0) {
      gaveUp = failed + " attempt" + (failed == 1 ? "" : "s") + ": " + (asked.isPresent()
          ? "the API asked to wait " + seconds(wait) + " (Retry-After: " + retryAfter.trim() + ")"
          : "the next wait of " + seconds(wait) + " would have been")
          + " past the retry budget of " + seconds(policy.maxTotalWait()) + " (" + seconds(waited) + " waited)";
      return false;
    }
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
    waited = waited.plus(wait);
    return true;
  }

  /** Why the last {@link #waitBeforeRetry} said no, e.g. "6 attempts (the most the retry policy allows)". */
  String gaveUp() {
    return gaveUp;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); empty when absent or unreadable. */
  Optional<Duration> retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(policy.maxTotalWait().plusSeconds(1));
      }
    }
    try {
      Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
