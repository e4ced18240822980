package io.jcdk.http;

import java.time.Duration;

/** Waits; the requester's backoff and rate limit wait through it, so tests can wait without sleeping. */
@FunctionalInterface
public interface Sleeper {

  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  void sleep(Duration duration) throws InterruptedException;
}
