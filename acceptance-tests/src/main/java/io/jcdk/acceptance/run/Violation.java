package io.jcdk.acceptance.run;

/** A stdout line that is not a valid protocol message, or shows a secret. */
public record Violation(long line, String problem) {

  @Override
  public String toString() {
    return "stdout line " + line + ": " + problem;
  }
}
