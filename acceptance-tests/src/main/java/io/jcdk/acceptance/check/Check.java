package io.jcdk.acceptance.check;

import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * One named acceptance check. Its body passes by returning, fails with a {@link CheckFailure} that
 * explains what the connector did wrong, and is skipped (visibly) with {@link #skip}.
 *
 * @param id stable identifier, {@code suite.check} (e.g. {@code basic_read.no_legacy_state}); tests
 *     and reports refer to checks by it
 * @param name what the check demands, in words (e.g. "no LEGACY state")
 */
public record Check(String id, String name, Executable body) {

  public static Check of(String id, String name, Executable body) {
    return new Check(id, name, body);
  }

  /** A failure with a message written for the connector's author. */
  public static CheckFailure fail(String message) {
    return new CheckFailure(message);
  }

  /** Stops the check as skipped with {@code reason}; JUnit reports it as aborted, the CLI as skipped. */
  public static TestAbortedException skip(String reason) {
    return new TestAbortedException(reason);
  }
}
