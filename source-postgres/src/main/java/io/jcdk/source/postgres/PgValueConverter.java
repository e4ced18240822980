package io.jcdk.source.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes one PostgreSQL value, given in its <em>text</em> representation, as JSON straight into a
 * {@link JsonGenerator}.
 *
 * <p>Every read path goes through this class: snapshot and cursor reads fetch values as text over
 * JDBC ({@code binaryTransfer=false}), and pgoutput sends tuple data as text. One converter is
 * what makes a row have the same JSON values whatever path it came by. The mapping is the table in
 * {@code docs/source-postgres.md}; {@link PgType.Kind} summarizes it.
 *
 * <p>The text must come from a session with the settings of {@link PgSessionSettings}
 * ({@code DateStyle=ISO}, {@code bytea_output=hex}, {@code extra_float_digits=3}); timestamptz
 * is normalized to UTC whatever {@code TimeZone} is, and intervals are accepted in both the
 * {@code postgres} and {@code iso_8601} styles.
 *
 * <p>Stateless and thread-safe. Values that cannot be parsed as their type claims (which PostgreSQL
 * never sends) raise {@link IllegalArgumentException} naming the type and the value.
 */
public final class PgValueConverter {

  public static final PgValueConverter INSTANCE = new PgValueConverter();

  private PgValueConverter() {}

  /** Writes the value whose UTF-8 text is {@code text}; null writes JSON null. */
  public void write(JsonGenerator out, PgType type, byte[] text) throws IOException {
    if (text == null) {
      out.writeNull();
    } else {
      write(out, type, text, 0, text.length);
    }
  }

  /**
   * Writes the value whose UTF-8 text is {@code text[offset, offset + length)}. This is the fast
   * path: text types are escaped straight from the bytes, without building a String.
   */
  public void write(JsonGenerator out, PgType type, byte[] text, int offset, int length)
      throws IOException {
    switch (type.kind()) {
      case STRING, JSON -> out.writeUTF8String(text, offset, length);
      case BOOLEAN -> out.writeBoolean(bool(type, text[offset]));
      case TIMESTAMP, TIMESTAMPTZ -> {
        if (!PgTemporal.writeCommonTimestamp(out, text, offset, length, type.kind() == PgType.Kind.TIMESTAMPTZ)) {
          write(out, type, new String(text, offset, length, StandardCharsets.ISO_8859_1));
        }
      }
      // Numbers, dates and times are ASCII: a Latin-1 String is a plain byte copy, no decoding.
      case INTEGER -> out.writeNumber(new String(text, offset, length, StandardCharsets.ISO_8859_1));
      case NUMERIC, FLOAT, DATE, TIME, TIMETZ, INTERVAL ->
          write(out, type, new String(text, offset, length, StandardCharsets.ISO_8859_1));
      default -> write(out, type, new String(text, offset, length, StandardCharsets.UTF_8));
    }
  }

  /** Writes the value whose text is {@code text}; null writes JSON null. */
  public void write(JsonGenerator out, PgType type, String text) throws IOException {
    if (text == null) {
      out.writeNull();
      return;
    }
    switch (type.kind()) {
      case STRING, JSON -> out.writeString(text);
      case BOOLEAN -> out.writeBoolean(bool(type, (byte) (text.isEmpty() ? 0 : text.charAt(0))));
      case INTEGER -> out.writeNumber(text);
      case NUMERIC, FLOAT -> writeDecimal(out, text);
      case MONEY -> out.writeNumber(money(text));
      case BYTEA -> out.writeBinary(bytea(text));
      case DATE -> out.writeString(PgTemporal.date(text));
      case TIME -> out.writeString(text);
      case TIMETZ -> out.writeString(PgTemporal.timeTz(text));
      case TIMESTAMP -> out.writeString(PgTemporal.timestamp(text));
      case TIMESTAMPTZ -> out.writeString(PgTemporal.timestampTz(text));
      case INTERVAL -> out.writeString(PgInterval.toIso8601(text));
      case ARRAY -> new ArrayText(text, type, out).writeArray();
    }
  }

  private static boolean bool(PgType type, byte first) {
    if (first == 't') {
      return true;
    }
    if (first == 'f') {
      return false;
    }
    throw new IllegalArgumentException("not a " + type.name() + " text value (t or f expected)");
  }

  /** JSON has no NaN or infinities: PostgreSQL's spellings of them become strings. */
  private static void writeDecimal(JsonGenerator out, String text) throws IOException {
    char c = text.charAt(0);
    if (c == 'N' || c == 'I' || (c == '-' && text.length() > 1 && text.charAt(1) == 'I')) {
      out.writeString(text);
    } else {
      out.writeNumber(text);
    }
  }

  /**
   * {@code money} is printed in {@code lc_monetary}'s format ({@code $1,234.56}, {@code -$1.00},
   * {@code 1.234,56 €}). The decimal separator is the last {@code .} or {@code ,} followed by one
   * or two digits; other separators are grouping. Negative when a {@code -} or {@code (} appears.
   */
  static String money(String text) {
    StringBuilder digits = new StringBuilder(text.length());
    boolean negative = false;
    int decimalAt = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '-' || c == '(') {
        negative = true;
      } else if (c == '.' || c == ',') {
        int following = 0;
        while (i + 1 + following < text.length() && Character.isDigit(text.charAt(i + 1 + following))) {
          following++;
        }
        if (following == 1 || following == 2) {
          decimalAt = digits.length();
        }
      }
    }
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("not a money text value: " + text);
    }
    if (decimalAt >= 0) {
      digits.insert(decimalAt, decimalAt == 0 ? "0." : ".");
    }
    return negative ? "-" + digits : digits.toString();
  }

  /** bytea text: {@code \x} and hex digits, or the old escape format ({@code \ooo} and {@code \\}). */
  static byte[] bytea(String text) {
    if (text.startsWith("\\x")) {
      int n = (text.length() - 2) / 2;
      byte[] bytes = new byte[n];
      for (int i = 0; i < n; i++) {
        bytes[i] = (byte) ((hex(text.charAt(2 + 2 * i)) << 4) | hex(text.charAt(3 + 2 * i)));
      }
      return bytes;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        bytes.write(c);
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
        bytes.write('\\');
        i++;
      } else {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
        i += 3;
      }
    }
    return bytes.toByteArray();
  }

  private static int hex(char c) {
    int v = Character.digit(c, 16);
    if (v < 0) {
      throw new IllegalArgumentException("not a hex digit in bytea text: '" + c + "'");
    }
    return v;
  }

  /**
   * An array literal ({@code {1,2,NULL}}, {@code {{"a b","c\"d"}}}, {@code [0:1]={1,2}}) written as
   * nested JSON arrays, each element through the converter with the element type.
   */
  private final class ArrayText {
    private final String text;
    private final PgType type;
    private final JsonGenerator out;
    private int pos;

    ArrayText(String text, PgType type, JsonGenerator out) {
      this.text = text;
      this.type = type;
      this.out = out;
    }

    void writeArray() throws IOException {
      if (!text.isEmpty() && text.charAt(0) == '[') {
        // Explicit lower bounds ("[0:1]={1,2}"): JSON arrays start at 0 anyway, so drop them.
        pos = text.indexOf('=') + 1;
      }
      writeLevel();
    }

    private void writeLevel() throws IOException {
      expect('{');
      out.writeStartArray();
      if (text.charAt(pos) == '}') {
        pos++;
        out.writeEndArray();
        return;
      }
      while (true) {
        char c = text.charAt(pos);
        if (c == '{') {
          writeLevel();
        } else if (c == '"') {
          writeElement(quoted());
        } else {
          int start = pos;
          while (text.charAt(pos) != type.delimiter() && text.charAt(pos) != '}') {
            pos++;
          }
          String element = text.substring(start, pos).trim();
          writeElement(element.equalsIgnoreCase("NULL") ? null : element);
        }
        char next = text.charAt(pos++);
        if (next == '}') {
          out.writeEndArray();
          return;
        }
        if (next != type.delimiter()) {
          throw malformed();
        }
      }
    }

    private String quoted() {
      expect('"');
      StringBuilder s = new StringBuilder();
      while (true) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return s.toString();
        }
        s.append(c == '\\' ? text.charAt(pos++) : c);
      }
    }

    private void writeElement(String element) throws IOException {
      write(out, type.element(), element);
    }

    private void expect(char c) {
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw malformed();
      }
      pos++;
    }

    private IllegalArgumentException malformed() {
      return new IllegalArgumentException(
          "malformed " + type.name() + " array text at position " + pos + ": " + abbreviate(text));
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
