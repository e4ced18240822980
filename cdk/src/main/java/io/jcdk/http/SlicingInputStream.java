package io.jcdk.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes a body to the JSON parser and keeps the bytes the parser has read since the last {@link
 * #release}, so a record can be cut out of the body by the parser's byte offsets ({@link #slice})
 * instead of being written out again token by token. Memory stays at about one record plus the
 * parser's read-ahead, however large the page. One instance serves the pages of a read one after
 * another ({@link #reset}), so its buffer is allocated once.
 */
final class SlicingInputStream extends InputStream {

  private InputStream in;
  private byte[] buf = new byte[32 * 1024];
  /** The body offset of {@code buf[0]}. */
  private long base;
  private int length;
  /** Bytes before this body offset are no longer needed. */
  private long keepFrom;

  /** Starts over on the next body. */
  SlicingInputStream reset(InputStream body) {
    in = body;
    base = 0;
    length = 0;
    keepFrom = 0;
    return this;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      append(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      append(b, off, n);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The body's bytes {@code [from, to)}, which must not have been released; raw line breaks removed. */
  byte[] slice(long from, long to, boolean hasLineBreaks) {
    int start = (int) (from - base);
    int end = (int) (to - base);
    if (!hasLineBreaks) {
      return Arrays.copyOfRange(buf, start, end);
    }
    // A raw CR or LF can only be whitespace in JSON (inside strings they are escaped): dropping them
    // keeps the value and keeps the record on one output line.
    byte[] out = new byte[end - start];
    int n = 0;
    for (int i = start; i < end; i++) {
      byte c = buf[i];
      if (c != '\n' && c != '\r') {
        out[n++] = c;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** Bytes before body offset {@code upTo} will not be sliced. */
  void release(long upTo) {
    keepFrom = Math.max(keepFrom, upTo);
  }

  long bytesRead() {
    return base + length;
  }

  private void append(byte[] b, int off, int n) {
    if (length + n > buf.length) {
      int drop = (int) Math.min(length, keepFrom - base);
      if (drop > 0) {
        System.arraycopy(buf, drop, buf, 0, length - drop);
        length -= drop;
        base += drop;
      }
      if (length + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
      }
    }
    System.arraycopy(b, off, buf, length, n);
    length += n;
  }
}
