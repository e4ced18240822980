package io.jcdk.source.postgres.cdc;

import org.postgresql.replication.LogSequenceNumber;

/**
 * A position in the write-ahead log (an {@code XLogRecPtr}): 64 bits, compared unsigned, written by
 * PostgreSQL as two hex halves {@code 16/B374D848}.
 */
public record Lsn(long value) implements Comparable<Lsn> {

  /** {@code 0/0}: PostgreSQL's InvalidXLogRecPtr, "no position". */
  public static final Lsn INVALID = new Lsn(0);

  public static Lsn of(long value) {
    return value == 0 ? INVALID : new Lsn(value);
  }

  /** Parses {@code 16/B374D848}; throws {@link IllegalArgumentException} naming the text otherwise. */
  public static Lsn parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("not an LSN (expected hex/hex like 16/B374D848): " + text);
    }
    try {
      long high = Long.parseLong(text, 0, slash, 16);
      long low = Long.parseLong(text, slash + 1, text.length(), 16);
      if (high >>> 32 != 0 || low >>> 32 != 0) {
        throw new IllegalArgumentException("not an LSN (each half is at most 8 hex digits): " + text);
      }
      return of(high << 32 | low);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an LSN (expected hex/hex like 16/B374D848): " + text, e);
    }
  }

  public static Lsn of(LogSequenceNumber lsn) {
    return of(lsn.asLong());
  }

  public LogSequenceNumber toLogSequenceNumber() {
    return LogSequenceNumber.valueOf(value);
  }

  public boolean isValid() {
    return value != 0;
  }

  public boolean isBefore(Lsn other) {
    return compareTo(other) < 0;
  }

  public boolean isAfter(Lsn other) {
    return compareTo(other) > 0;
  }

  public static Lsn max(Lsn a, Lsn b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public int compareTo(Lsn o) {
    return Long.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
  }
}
