package io.jcdk.source.postgres;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One row of {@code COPY … TO STDOUT} in text format, split into its fields in place.
 *
 * <p>The format: fields separated by tabs, the row ended by a newline, {@code \N} for NULL, and a
 * backslash before a backslash, tab, newline, carriage return or the control characters
 * {@code \b \f \v}. Each field is otherwise the type's text output, exactly what a result set or
 * pgoutput would carry. Unescaping only ever shortens a field, so it is done inside the field's own
 * bytes and the fields are handed on as slices of the row's array: no allocation per field.
 *
 * <p>This is the innermost loop of every table read, so it looks at eight bytes at a time for the
 * three bytes that matter (tab, newline, backslash), and each field starts where it lies in the row:
 * an escape shifts only the rest of its own field, never the rest of the row.
 */
final class CopyRow {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long TABS = ONES * '\t';
  private static final long NEWLINES = ONES * '\n';
  private static final long BACKSLASHES = ONES * '\\';

  private byte[] data;
  private final int[] offsets;
  private final int[] lengths;

  CopyRow(int fields) {
    this.offsets = new int[fields];
    this.lengths = new int[fields];
  }

  /** Splits {@code row} (which this object now owns and rewrites); fails if the field count is off. */
  void parse(byte[] row) {
    data = row;
    int end = row.length;
    int n = offsets.length;
    int field = 0;
    int pos = 0;
    while (pos < end) {
      if (field == n) {
        throw new IllegalStateException("COPY row has more than " + n + " fields");
      }
      offsets[field] = pos;
      if (row[pos] == '\\' && pos + 2 <= end && row[pos + 1] == 'N' && (pos + 2 == end || isFieldEnd(row[pos + 2]))) {
        lengths[field++] = -1;
        if (pos + 2 < end && row[pos + 2] == '\n') {
          pos = end;
          break;
        }
        pos += 3;
        continue;
      }
      int special = nextSpecial(row, pos, end);
      if (special < end && row[special] == '\\') {
        special = unescape(row, pos, special, end, field);
      } else {
        lengths[field] = special - pos;
      }
      field++;
      if (special >= end || row[special] == '\n') {
        pos = end;
        break;
      }
      pos = special + 1;
    }
    if (field != n) {
      throw new IllegalStateException("COPY row has " + field + " fields, expected " + n);
    }
  }

  private static boolean isFieldEnd(byte b) {
    return b == '\t' || b == '\n';
  }

  /** The index of the first tab, newline or backslash at or after {@code from}, or {@code end}. */
  private static int nextSpecial(byte[] row, int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long word = (long) LONGS.get(row, i);
      long found = zeroBytes(word ^ TABS) | zeroBytes(word ^ NEWLINES) | zeroBytes(word ^ BACKSLASHES);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < end; i++) {
      byte b = row[i];
      if (b == '\t' || b == '\n' || b == '\\') {
        return i;
      }
    }
    return end;
  }

  /**
   * The high bit of each zero byte of {@code v}. Bytes above the lowest zero byte may be flagged
   * wrongly (a borrow), which does not matter: only the lowest flag is read.
   */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }

  /**
   * Unescapes field {@code field}, which starts at {@code start} and has its first backslash at
   * {@code backslash}, inside its own bytes; returns the index of the tab or newline that ends it
   * (or {@code end}).
   */
  private int unescape(byte[] row, int start, int backslash, int end, int field) {
    int write = backslash;
    int read = backslash;
    while (read < end) {
      byte b = row[read];
      if (b == '\t' || b == '\n') {
        break;
      }
      if (b == '\\' && read + 1 < end) {
        byte next = row[++read];
        row[write++] = switch (next) {
          case 'b' -> 8;
          case 'f' -> 12;
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'v' -> 11;
          case 'N' -> 0; // Only ever a whole field, which parse takes as NULL before it gets here.
          default -> next;
        };
      } else if (b != '\\') {
        row[write++] = b;
      }
      read++;
    }
    lengths[field] = write - start;
    return read;
  }

  boolean isNull(int field) {
    return lengths[field] < 0;
  }

  byte[] data() {
    return data;
  }

  int offset(int field) {
    return offsets[field];
  }

  /** The field's length in bytes, -1 for NULL. */
  int length(int field) {
    return lengths[field];
  }

  String string(int field) {
    return isNull(field) ? null : new String(data, offsets[field], lengths[field], StandardCharsets.UTF_8);
  }

  boolean fieldEquals(int field, byte[] other) {
    int len = lengths[field];
    return len >= 0 && Arrays.equals(data, offsets[field], offsets[field] + len, other, 0, other.length);
  }

  byte[] copy(int field) {
    return isNull(field) ? null : Arrays.copyOfRange(data, offsets[field], offsets[field] + lengths[field]);
  }
}
