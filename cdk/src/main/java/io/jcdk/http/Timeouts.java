package io.jcdk.http;

import java.time.Duration;

/**
 * How long a request may wait, in two parts, so that no request hangs.
 *
 * @param connect to open the TCP connection
 * @param read the longest wait for the server once connected: for the TLS handshake, for the
 *     response's status and headers, and between any two pieces of its body (not the whole body: a
 *     large page may take minutes)
 */
public record Timeouts(Duration connect, Duration read) {

  public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

  public Timeouts {
    for (Duration d : new Duration[] {connect, read}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("every timeout must be positive: " + connect + ", " + read);
      }
    }
  }

  /** The same timeout for both parts (for tests). */
  public static Timeouts of(Duration all) {
    return new Timeouts(all, all);
  }
}
