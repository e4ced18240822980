package io.jcdk.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body that fails at its end when it is shorter than its {@code Content-Length}: the JDK's {@code
 * HttpURLConnection} reports a connection the server closed early (in order, not reset) as the
 * body's end, and a page cut short must be fetched again, not taken for malformed JSON.
 */
final class ContentLengthCheck extends FilterInputStream {

  private final long expected;
  private long read;

  ContentLengthCheck(InputStream body, long expected) {
    super(body);
    this.expected = expected;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    count(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    read += skipped;
    return skipped;
  }

  private void count(int n) throws IOException {
    if (n >= 0) {
      read += n;
    } else if (read < expected) {
      throw new IOException("the connection closed after " + read + " of the " + expected
          + " bytes the body's Content-Length announced");
    }
  }
}
