package io.jcdk.source.postgres;

import java.util.Arrays;

/**
 * The COPY row parser as it was before the eight-byte scan (byte by byte; after an escape every
 * later byte of the row was shifted): the oracle {@link CopyRowTest} compares {@link CopyRow} with.
 */
final class CopyRowBefore {

  /** Tab, newline and backslash: the bytes that end a field or start an escape. */
  private static final boolean[] SPECIAL = new boolean[256];

  static {
    SPECIAL['\t'] = true;
    SPECIAL['\n'] = true;
    SPECIAL['\\'] = true;
  }

  private byte[] data;
  private final int[] offsets;
  private final int[] lengths;

  CopyRowBefore(int fields) {
    this.offsets = new int[fields];
    this.lengths = new int[fields];
  }

  /** Splits {@code row} (which this object now owns and rewrites); fails if the field count is off. */
  void parse(byte[] row) {
    data = row;
    int field = 0;
    int start = 0;
    int write = 0;
    boolean escaped = false;
    int end = row.length;
    for (int read = 0; read < end; read++) {
      byte b = row[read];
      if (!SPECIAL[b & 0xFF]) {
        // Most bytes: copy only once an escape has shifted the rest of the row left.
        if (write != read) {
          row[write] = b;
        }
        write++;
        continue;
      }
      if (b == '\\') {
        if (read + 1 < end) {
          byte next = row[++read];
          escaped = true;
          row[write++] = switch (next) {
            case 'b' -> 8;
            case 'f' -> 12;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            case 'N' -> 0; // Only ever a whole field: see isNullMarker.
            default -> next;
          };
        }
        continue;
      }
      // A tab or the newline: the field ends.
      if (field == offsets.length) {
        throw new IllegalStateException("COPY row has more than " + offsets.length + " fields");
      }
      offsets[field] = start;
      lengths[field] = isNullMarker(start, write, escaped) ? -1 : write - start;
      field++;
      write++;
      start = write;
      escaped = false;
      if (b == '\n') {
        break;
      }
    }
    if (field != offsets.length) {
      throw new IllegalStateException("COPY row has " + field + " fields, expected " + offsets.length);
    }
  }

  /** {@code \N} alone: the field unescaped to a single 0 byte, from an escape (text has no NUL). */
  private boolean isNullMarker(int start, int write, boolean escaped) {
    return escaped && write - start == 1 && data[start] == 0;
  }

  boolean isNull(int field) {
    return lengths[field] < 0;
  }

  /** The field's length in bytes, -1 for NULL. */
  int length(int field) {
    return lengths[field];
  }

  byte[] copy(int field) {
    return isNull(field) ? null : Arrays.copyOfRange(data, offsets[field], offsets[field] + lengths[field]);
  }
}
