package io.jcdk.protocol;

/** A line of input that is not a valid protocol message; the message names the line and quotes it. */
public final class ProtocolException extends RuntimeException {

  private final long lineNumber;

  public ProtocolException(long lineNumber, String problem, byte[] line, int offset, int length, Throwable cause) {
    super("line " + lineNumber + ": " + problem + " (line starts: " + excerpt(line, offset, length) + ")", cause);
    this.lineNumber = lineNumber;
  }

  public long lineNumber() {
    return lineNumber;
  }

  /** At most 80 characters of the line, so a 100 MB record never ends up in a log. */
  static String excerpt(byte[] line, int offset, int length) {
    int n = Math.min(length, 80);
    String s = new String(line, offset, n, java.nio.charset.StandardCharsets.UTF_8);
    return length > n ? s + "…[" + length + " bytes]" : s;
  }
}
