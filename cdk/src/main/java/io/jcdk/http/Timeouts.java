package io.jcdk.http;

import java.time.Duration;

/**
 * How long a request may take, in three parts, so that no request hangs.
 *
 * @param connect to open the connection (TCP and TLS)
 * @param response from sending the request to the response's status and headers
 * @param read the longest pause while the body arrives (not the whole body: a large page may take minutes)
 */
public record Timeouts(Duration connect, Duration response, Duration read) {

  public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));

  public Timeouts {
    for (Duration d : new Duration[] {connect, response, read}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("every timeout must be positive: " + connect + ", " + response + ", " + read);
      }
    }
  }

  /** The same timeout for all three parts (for tests). */
  public static Timeouts of(Duration all) {
    return new Timeouts(all, all, all);
  }
}
