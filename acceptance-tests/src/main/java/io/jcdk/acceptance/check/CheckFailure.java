package io.jcdk.acceptance.check;

/** A check found the connector at fault; the message says what it did and what was expected. */
public final class CheckFailure extends AssertionError {
  public CheckFailure(String message) {
    super(message);
  }
}
