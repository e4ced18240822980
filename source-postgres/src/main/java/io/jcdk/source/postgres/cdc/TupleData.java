package io.jcdk.source.postgres.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The column values of one row as pgoutput sent them, kept as slices of the message bytes: nothing is
 * copied or decoded until a caller asks for a value. The message array must not change while this
 * view is in use (pgjdbc gives every replication message its own array).
 *
 * <p>Each column is one of {@link #NULL}, {@link #UNCHANGED_TOAST} (a TOASTed value an UPDATE did not
 * change; its content is not in the WAL record), {@link #TEXT} (the type's text output, UTF-8 on a
 * replication connection) or {@link #BINARY} (the type's send format, only with the binary option).
 */
public final class TupleData {

  public static final byte NULL = 'n';
  public static final byte UNCHANGED_TOAST = 'u';
  public static final byte TEXT = 't';
  public static final byte BINARY = 'b';

  private final byte[] message;
  private final byte[] kinds;
  private final int[] offsets;
  private final int[] lengths;

  TupleData(byte[] message, byte[] kinds, int[] offsets, int[] lengths) {
    this.message = message;
    this.kinds = kinds;
    this.offsets = offsets;
    this.lengths = lengths;
  }

  /**
   * A row of {@code texts.length} columns built from text values: {@code texts[i]} the UTF-8 text of
   * column i, or null with {@code kinds[i]} {@link #NULL} or {@link #UNCHANGED_TOAST} (not known).
   */
  static TupleData ofTexts(byte[][] texts, byte[] kinds) {
    int total = 0;
    for (byte[] t : texts) {
      total += t == null ? 0 : t.length;
    }
    byte[] message = new byte[total];
    int[] offsets = new int[texts.length];
    int[] lengths = new int[texts.length];
    int at = 0;
    for (int i = 0; i < texts.length; i++) {
      if (texts[i] != null) {
        System.arraycopy(texts[i], 0, message, at, texts[i].length);
        offsets[i] = at;
        lengths[i] = texts[i].length;
        at += texts[i].length;
      }
    }
    return new TupleData(message, kinds.clone(), offsets, lengths);
  }

  public int size() {
    return kinds.length;
  }

  /** {@link #NULL}, {@link #UNCHANGED_TOAST}, {@link #TEXT} or {@link #BINARY}. */
  public byte kind(int column) {
    return kinds[column];
  }

  public boolean isNull(int column) {
    return kinds[column] == NULL;
  }

  public boolean isUnchangedToast(int column) {
    return kinds[column] == UNCHANGED_TOAST;
  }

  /** True when the value's content is present (text or binary). */
  public boolean hasValue(int column) {
    return kinds[column] == TEXT || kinds[column] == BINARY;
  }

  /** The text value, decoded from UTF-8; null for a null or unchanged-TOAST column. */
  public String text(int column) {
    if (!hasValue(column)) {
      return null;
    }
    return new String(message, offsets[column], lengths[column], StandardCharsets.UTF_8);
  }

  /** A copy of the value's bytes; null for a null or unchanged-TOAST column. */
  public byte[] bytes(int column) {
    if (!hasValue(column)) {
      return null;
    }
    return Arrays.copyOfRange(message, offsets[column], offsets[column] + lengths[column]);
  }

  /** The message array holding the value at {@link #offset}, for writers that copy bytes straight out. */
  byte[] array() {
    return message;
  }

  int offset(int column) {
    return offsets[column];
  }

  int length(int column) {
    return lengths[column];
  }

  /** For messages to people: the kinds and (abbreviated) text values, e.g. {@code [t:1, n, u]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < kinds.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append((char) kinds[i]);
      if (hasValue(i)) {
        String text = kinds[i] == TEXT ? text(i) : null;
        b.append(':').append(text == null ? lengths[i] + " bytes"
            : text.length() <= 40 ? text : text.substring(0, 37) + "...(" + lengths[i] + " bytes)");
      }
    }
    return b.append(']').toString();
  }
}
