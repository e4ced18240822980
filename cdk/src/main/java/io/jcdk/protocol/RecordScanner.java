package io.jcdk.protocol;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link MessageReader}: decodes a line of the form
 * {@code {"type":"RECORD","record":{"stream":..,"namespace":..,"emitted_at":..,"data":{..}}}} (any
 * member order, any whitespace) in one pass over its bytes, and slices {@code data} out as raw
 * bytes after checking that it is well-formed JSON.
 *
 * <p>Why not Jackson's streaming parser: per record it set up a parser, canonicalized every field
 * name and tokenized {@code data} only to skip it; that was most of a destination's decoding time.
 *
 * <p>Anything else returns null and goes to data binding, which then decides and, for bad input,
 * reports the error: other message types, other record fields ({@code file_reference}, unknown
 * ones), a non-integer {@code emitted_at}, and any JSON this scanner
 * does not accept (it follows RFC 8259 and is never more lenient than the mapper: no comments, no
 * NaN, no leading zeros, UTF-8 checked as RFC 3629 defines it ({@link Utf8}), no key twice in an
 * object, nesting and number length within the mapper's limits).
 */
final class RecordScanner {

  /** The mapper's limits ({@link Json}): beyond them data binding reports the problem. */
  private static final int MAX_DEPTH = 5_000;
  private static final int MAX_NUMBER_LENGTH = 100_000;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Bytes a string may hold as they are: printable ASCII but the quote and the backslash. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
  }

  private static final byte[] TYPE = ascii("type");
  private static final byte[] RECORD = ascii("record");
  private static final byte[] RECORD_TYPE = ascii("RECORD");
  private static final byte[] STREAM = ascii("stream");
  private static final byte[] NAMESPACE = ascii("namespace");
  private static final byte[] EMITTED_AT = ascii("emitted_at");
  private static final byte[] DATA = ascii("data");
  private static final byte[] META = ascii("meta");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");

  private byte[] b;
  private int end;
  private int pos;
  /** Whether the last string scanned held an escape. */
  private boolean escaped;
  /** Per open container of {@code data}: true for an object, false for an array. */
  private boolean[] objects = new boolean[16];
  /** The member names of the open objects of {@code data}. */
  private final MemberNames names = new MemberNames();
  /** Where the last member name scanned ends: the index of its closing quote. */
  private int memberEnd;
  /** Where the line scanned by {@link #lineAt} ends: the index of its {@code \n}. */
  private int newline;

  /**
   * The record on the line {@code buf[off, off + len)}, or null when data binding has to decide. A
   * scanner decodes one line at a time.
   */
  AirbyteRecordMessage line(byte[] buf, int off, int len) {
    reset(buf, off, off + len);
    return message();
  }

  /**
   * The record on the line that starts at {@code buf[off]} and ends with a {@code \n} before
   * {@code limit}, found while scanning (so the caller need not look for the line's end first); then
   * {@link #newline()} is where the {@code \n} is. Null when the line is not such a record or its
   * end is not in {@code buf[off, limit)}: the caller then splits the line itself and asks {@link
   * #line}. A {@code \n} anywhere but after the message is never taken for whitespace.
   */
  AirbyteRecordMessage lineAt(byte[] buf, int off, int limit) {
    reset(buf, off, limit);
    newline = -1;
    AirbyteRecordMessage record = message();
    return newline < 0 ? null : record;
  }

  int newline() {
    return newline;
  }

  private void reset(byte[] buf, int from, int to) {
    if (b != buf) {
      names.line(buf);
    }
    b = buf;
    pos = from;
    end = to;
  }

  private AirbyteRecordMessage message() {
    if (!take('{') || take('}')) {
      return null;
    }
    boolean isRecord = false;
    AirbyteRecordMessage record = null;
    int separator;
    do {
      int key = key();
      if (key < 0) {
        return null;
      }
      if (is(key, TYPE)) {
        if (isRecord || peek() != '"') {
          return null; // a second "type" too: the mapper refuses a key twice
        }
        int from = pos + 1;
        if (string() < 0 || escaped || !is(from, RECORD_TYPE)) {
          return null;
        }
        isRecord = true;
      } else if (is(key, RECORD)) {
        if (record != null) {
          return null;
        }
        record = body();
        if (record == null) {
          return null;
        }
      } else {
        return null;
      }
    } while ((separator = separator('}')) == 1);
    if (separator < 0 || !isRecord) {
      return null;
    }
    int after = peek();
    if (after == '\n') {
      newline = pos;
    } else if (after != -1) {
      return null;
    }
    return record;
  }

  private AirbyteRecordMessage body() {
    if (!take('{') || take('}')) {
      return null;
    }
    String stream = null;
    String namespace = null;
    long emittedAt = 0;
    byte[] data = null;
    AirbyteRecordMessage.Meta meta = null;
    int seen = 0; // one bit per field: a field twice goes to the mapper, which refuses it
    int separator;
    do {
      int key = key();
      if (key < 0) {
        return null;
      }
      int field = is(key, STREAM) ? 1 : is(key, NAMESPACE) ? 2 : is(key, EMITTED_AT) ? 4 : is(key, DATA) ? 8
          : is(key, META) ? 16 : 0;
      if ((seen & field) != 0) {
        return null;
      }
      seen |= field;
      if (field == 1) {
        stream = text();
        if (stream == null) {
          return null;
        }
      } else if (field == 2) {
        if (peek() == 'n') {
          if (!literal(NULL)) {
            return null;
          }
          namespace = null;
        } else if ((namespace = text()) == null) {
          return null;
        }
      } else if (field == 4) {
        peek();
        int from = pos;
        if (!number()) {
          return null;
        }
        emittedAt = parseLong(from, pos);
        if (emittedAt == Long.MIN_VALUE) {
          return null;
        }
      } else if (field == 8) {
        if (peek() != '{') {
          return null;
        }
        int from = pos;
        if (!value()) {
          return null;
        }
        data = Arrays.copyOfRange(b, from, pos);
      } else if (field == 16) {
        peek();
        int from = pos;
        if (!value()) {
          return null;
        }
        try { // rare and small: the mapper reads it, data stays raw
          meta = Json.mapper().readValue(b, from, pos - from, AirbyteRecordMessage.Meta.class);
        } catch (IOException e) {
          return null;
        }
      } else {
        return null;
      }
    } while ((separator = separator('}')) == 1);
    if (separator < 0 || stream == null || data == null) {
      return null;
    }
    return new AirbyteRecordMessage(namespace, stream, RawJson.ofTrustedBytes(data), emittedAt, meta, null, null);
  }

  /** A member name without escapes and its colon; returns where the name starts, or -1. */
  private int key() {
    int from = member();
    return escaped ? -1 : from;
  }

  /**
   * A member name (escapes allowed) and its colon; returns where the name starts, or -1 ({@link
   * #memberEnd} is where it ends).
   */
  private int member() {
    if (peek() != '"') {
      return -1;
    }
    int from = pos + 1;
    memberEnd = string();
    return memberEnd < 0 || !take(':') ? -1 : from;
  }

  /**
   * The next member name of the object open at {@code depth}, and its colon; false if there is
   * none, or if the object has that name already (the mapper refuses it; data binding reports it).
   */
  private boolean memberOf(int depth) {
    int from = member();
    if (from < 0) {
      return false;
    }
    if (!escaped) {
      return names.add(depth, from, memberEnd);
    }
    try { // rare: compare the name as decoded
      return names.addDecoded(depth,
          Json.mapper().readValue(b, from - 1, memberEnd - from + 2, String.class).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }

  /** A string value, decoded; null if there is none. */
  private String text() {
    if (peek() != '"') {
      return null;
    }
    int from = pos + 1;
    int to = string();
    if (to < 0) {
      return null;
    }
    if (!escaped) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    try {
      return Json.mapper().readValue(b, from - 1, to - from + 2, String.class); // rare: let Jackson unescape
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the bytes at {@code from} are {@code word} followed by the closing quote. */
  private boolean is(int from, byte[] word) {
    return from + word.length < end && b[from + word.length] == '"' && startsWith(from, word);
  }

  /** Short words: a plain loop beats {@code Arrays.equals}'s vectorized set-up. */
  private boolean startsWith(int from, byte[] word) {
    for (int k = 0; k < word.length; k++) {
      if (b[from + k] != word[k]) {
        return false;
      }
    }
    return true;
  }

  /** Checks one JSON value at {@code pos} (after whitespace) and moves past it. */
  private boolean value() {
    int depth = 0;
    while (true) {
      int c = peek();
      if (c == '{' || c == '[') {
        pos++;
        if (take(c == '{' ? '}' : ']')) {
          // an empty container is a complete value
        } else {
          if (depth == MAX_DEPTH) {
            return false;
          }
          if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
          }
          objects[depth++] = c == '{';
          if (c == '{') {
            names.open(depth - 1);
            if (!memberOf(depth - 1)) {
              return false;
            }
          }
          continue;
        }
      } else if (c == '"') {
        if (string() < 0) {
          return false;
        }
      } else if (c == 't' || c == 'f' || c == 'n') {
        if (!literal(c == 't' ? TRUE : c == 'f' ? FALSE : NULL)) {
          return false;
        }
      } else if (!number()) {
        return false;
      }
      // A value is complete: close the containers it completes, up to the next member or element.
      while (true) {
        if (depth == 0) {
          return true;
        }
        boolean object = objects[depth - 1];
        int separator = separator(object ? '}' : ']');
        if (separator < 0) {
          return false;
        }
        if (separator == 1) {
          if (object && !memberOf(depth - 1)) {
            return false;
          }
          break;
        }
        depth--;
      }
    }
  }

  /**
   * A string at {@code pos} (its opening quote): checks escapes, control characters and UTF-8, moves
   * past it and returns the index of its closing quote, or -1 if it is not a valid string.
   */
  private int string() {
    escaped = false;
    int i = pos + 1;
    while (true) {
      // Eight bytes at a time: the lowest flagged byte of a word is the first that needs a look.
      // Within eight bytes of the end of the line, one at a time.
      while (true) {
        if (i + 8 > end) {
          while (i < end && PLAIN[b[i] & 0xff]) {
            i++;
          }
          break;
        }
        long special = flags((long) LONGS.get(b, i));
        if (special != 0) {
          i += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        i += 8;
      }
      if (i < end && b[i] == '"') {
        pos = i + 1;
        return i;
      }
      i = special(i); // kept out of this method so that it stays small enough to inline
      if (i < 0) {
        return -1;
      }
    }
  }

  /** An escape or a UTF-8 sequence at {@code i} inside a string: the index after it, or -1. */
  private int special(int i) {
    if (i >= end) {
      return -1;
    }
    byte c = b[i];
    if (c == '\\') {
      escaped = true;
      if (i + 1 >= end) {
        return -1;
      }
      byte e = b[i + 1];
      if (e == 'u') {
        return i + 5 < end && hex(b[i + 2]) && hex(b[i + 3]) && hex(b[i + 4]) && hex(b[i + 5]) ? i + 6 : -1;
      }
      return e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't' ? i + 2 : -1;
    }
    if (c >= 0) {
      return -1; // a control character
    }
    return Utf8.sequenceEnd(b, i, end);
  }

  /** A number in RFC 8259 form at {@code pos}; moves past it. */
  private boolean number() {
    int from = pos;
    int i = pos;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i < end && b[i] == '0') {
      i++;
    } else if (i < end && b[i] >= '1' && b[i] <= '9') {
      i = digits(i);
    } else {
      return false;
    }
    if (i < end && b[i] == '.') {
      int d = i + 1;
      i = digits(d);
      if (i == d) {
        return false;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      int d = i + 1;
      if (d < end && (b[d] == '+' || b[d] == '-')) {
        d++;
      }
      i = digits(d);
      if (i == d) {
        return false;
      }
    }
    pos = i;
    return i - from <= MAX_NUMBER_LENGTH;
  }

  private int digits(int i) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  /**
   * The number in {@code b[from, to)} if it is an integer of at most 18 digits, else {@link
   * Long#MIN_VALUE} (a fraction, an exponent, or a size that might not fit: data binding decides).
   */
  private long parseLong(int from, int to) {
    boolean negative = b[from] == '-';
    int first = negative ? from + 1 : from;
    if (to - first > 18) {
      return Long.MIN_VALUE;
    }
    long value = 0;
    for (int i = first; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return Long.MIN_VALUE;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private boolean literal(byte[] word) {
    if (end - pos < word.length || !startsWith(pos, word)) {
      return false;
    }
    pos += word.length;
    return true;
  }

  /** After a member or element: 1 at a comma, 0 at {@code close}, -1 at anything else; consumes it. */
  private int separator(char close) {
    int c = peek();
    if (c == ',' || c == close) {
      pos++;
      return c == ',' ? 1 : 0;
    }
    return -1;
  }

  private boolean take(char c) {
    if (peek() != c) {
      return false;
    }
    pos++;
    return true;
  }

  /** Skips whitespace but {@code \n} (the end of a line); returns the byte there, or -1 at the end. */
  private int peek() {
    while (pos < end) {
      int c = b[pos] & 0xff;
      if (c != ' ' && c != '\t' && c != '\r') {
        return c;
      }
      pos++;
    }
    return -1;
  }

  /**
   * The high bit of each of the eight bytes in {@code x} that is a quote, a backslash, below 0x20 or
   * above 0x7f, or 0 if none is (the "has a zero byte" test of Hacker's Delight / Bit Twiddling Hacks).
   * Bytes above a flagged one may be flagged wrongly; the lowest flagged byte is always right.
   */
  private static long flags(long x) {
    long quote = x ^ 0x2222222222222222L;
    long backslash = x ^ 0x5c5c5c5c5c5c5c5cL;
    long special = (quote - 0x0101010101010101L) & ~quote
        | (backslash - 0x0101010101010101L) & ~backslash
        | (x - 0x2020202020202020L) & ~x
        | x;
    return special & 0x8080808080808080L;
  }

  private static boolean hex(byte c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
