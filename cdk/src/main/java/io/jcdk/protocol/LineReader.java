package io.jcdk.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them.
 *
 * <p>BufferedReader.readLine would decode every byte to a char and build a String per line; the
 * reader only needs the bytes, and lines can be hundreds of megabytes, so this keeps one growable
 * buffer and hands out views into it. A view is valid until the next call.
 */
final class LineReader {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final InputStream in;
  private byte[] buf;
  private int start; // first byte of the current, not yet returned line
  private int end; // bytes filled
  private boolean eof;

  int lineOffset;
  int lineLength;

  LineReader(InputStream in, int initialSize) {
    this.in = in;
    this.buf = new byte[initialSize];
  }

  byte[] buffer() {
    return buf;
  }

  /** Where the next line starts in {@link #buffer()}. */
  int start() {
    return start;
  }

  /** The end of the bytes read into {@link #buffer()} so far. */
  int end() {
    return end;
  }

  /** Returns the line from {@link #start()} to {@code newline} (a {@code \n} the caller found) as if by {@link #next}. */
  void take(int newline) {
    setLine(start, newline);
    start = newline + 1;
  }

  /** Advances to the next line (without its {@code \n} or {@code \r\n}); false at end of input. */
  boolean next() throws IOException {
    int scanFrom = start;
    while (true) {
      int i = scanFrom;
      // Eight bytes at a time while none is a newline (the "has a zero byte" test).
      while (i + 8 <= end) {
        long x = (long) LONGS.get(buf, i) ^ 0x0a0a0a0a0a0a0a0aL;
        if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
          break;
        }
        i += 8;
      }
      for (; i < end; i++) {
        if (buf[i] == '\n') {
          setLine(start, i);
          start = i + 1;
          return true;
        }
      }
      scanFrom = end;
      if (eof) {
        if (start < end) {
          setLine(start, end);
          start = end;
          return true;
        }
        return false;
      }
      if (start > 0) {
        // Move the partial line to the front before reading more.
        System.arraycopy(buf, start, buf, 0, end - start);
        scanFrom -= start;
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, buf.length + 1));
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }
  }

  /**
   * Reads on to the end of the line being read without keeping it (after the buffer could not grow
   * to hold it); returns the line's length. The next call returns the line after it.
   */
  long skipLine() throws IOException {
    long length = end - start;
    while (!eof) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        n = 0;
      }
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          start = i + 1;
          end = n;
          return length + i;
        }
      }
      length += n;
    }
    start = 0;
    end = 0;
    return length;
  }

  private void setLine(int from, int newline) {
    int to = newline;
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    lineOffset = from;
    lineLength = to - from;
  }
}
