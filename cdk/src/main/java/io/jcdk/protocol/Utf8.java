package io.jcdk.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 as RFC 3629 defines it (table 3-7 of the Unicode standard): no overlong forms ({@code C0
 * AF} for '/'), no UTF-16 surrogates ({@code ED A0 80}), nothing above U+10FFFF, no cut sequence.
 * Jackson reads the first three without a word (and turns them into other characters), so the
 * reader checks them itself.
 */
final class Utf8 {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Utf8() {}

  /**
   * The index after the multi-byte sequence that starts at {@code b[i]} (a byte above 0x7f), or -1
   * if there is no valid one before {@code end}. The second byte's range depends on the first:
   * that is what keeps out overlong forms, surrogates and code points above U+10FFFF.
   */
  static int sequenceEnd(byte[] b, int i, int end) {
    int lead = b[i] & 0xff;
    if (lead < 0xc2 || lead > 0xf4 || i + 1 >= end) {
      return -1;
    }
    int second = b[i + 1] & 0xff;
    int min = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
    int max = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
    if (second < min || second > max) {
      return -1;
    }
    int length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (i + length > end) {
      return -1;
    }
    for (int k = 2; k < length; k++) {
      if ((b[i + k] & 0xc0) != 0x80) {
        return -1;
      }
    }
    return i + length;
  }

  /** The index of the first byte of {@code b[from, to)} that does not start valid UTF-8, or -1. */
  static int firstInvalid(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (i + 8 <= to && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
        i += 8; // eight ASCII bytes
      } else if (b[i] >= 0) {
        i++;
      } else {
        int next = sequenceEnd(b, i, to);
        if (next < 0) {
          return i;
        }
        i = next;
      }
    }
    return -1;
  }
}
