package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyRowTest {

  /** Values that exercise every branch: escapes, NULL's spelling inside text, UTF-8, arrays, empty. */
  private static final String[] PIECES = {"", "a", "plain text ", "\\", "\\N", "N", "\t", "\n", "\r", "\b", "\f",
      "\u000b", "é", "Łódź", "✓", "😀", "{a,\"b\\\"c\",NULL}", "{{1,2},{3,4}}", "12345678", "-0.5", "\\x00ff",
      "2024-01-01 00:00:00+00", "\\\\N", "\\t", "x".repeat(40)};

  @Test
  void fieldsMatchTheValuesEscapedIntoTheRow() {
    Random random = new Random(14);
    for (int i = 0; i < 20_000; i++) {
      List<String> values = randomValues(random);
      CopyRow row = new CopyRow(values.size());
      row.parse(escapedRow(values));
      for (int f = 0; f < values.size(); f++) {
        assertThat(row.string(f)).as("field %d of %s", f, values).isEqualTo(values.get(f));
      }
    }
  }

  @Test
  void fieldsMatchTheByteByByteParserOnRandomRows() {
    Random random = new Random(15);
    for (int i = 0; i < 20_000; i++) {
      List<String> values = randomValues(random);
      byte[] bytes = escapedRow(values);
      CopyRow fast = new CopyRow(values.size());
      fast.parse(bytes.clone());
      CopyRowBefore before = new CopyRowBefore(values.size());
      before.parse(bytes.clone());
      for (int f = 0; f < values.size(); f++) {
        assertThat(fast.length(f)).as("length of field %d of %s", f, values).isEqualTo(before.length(f));
        assertThat(fast.copy(f)).as("field %d of %s", f, values).isEqualTo(before.copy(f));
      }
    }
  }

  @Test
  void aFieldOfBackslashNIsNullAndAnEscapedOneIsText() {
    CopyRow row = new CopyRow(6);
    row.parse("\\N\t\\\\N\tx\\N\t\\N\t\t\\N\n".getBytes(StandardCharsets.UTF_8));
    assertThat(row.isNull(0)).isTrue();
    assertThat(row.string(1)).isEqualTo("\\N");
    assertThat(row.isNull(2)).isFalse();
    assertThat(row.isNull(3)).isTrue();
    assertThat(row.string(4)).isEmpty();
    assertThat(row.isNull(5)).isTrue();
  }

  @Test
  void anEscapeShiftsOnlyItsOwnField() {
    CopyRow row = new CopyRow(3);
    byte[] bytes = "a\\tb\tlonger than eight\t\\N\n".getBytes(StandardCharsets.UTF_8);
    row.parse(bytes);
    assertThat(row.string(0)).isEqualTo("a\tb");
    assertThat(row.offset(1)).as("the second field stays where it lies").isEqualTo(5);
    assertThat(row.string(1)).isEqualTo("longer than eight");
    assertThat(row.isNull(2)).isTrue();
  }

  @Test
  void aRowWithTheWrongFieldCountFails() {
    assertThatThrownBy(() -> new CopyRow(2).parse("x\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("1 fields, expected 2");
    assertThatThrownBy(() -> new CopyRow(1).parse("x\ty\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("more than 1 fields");
  }

  private static List<String> randomValues(Random random) {
    int n = 1 + random.nextInt(12);
    List<String> values = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      if (random.nextInt(5) == 0) {
        values.add(null);
        continue;
      }
      StringBuilder value = new StringBuilder();
      int pieces = random.nextInt(6);
      for (int p = 0; p < pieces; p++) {
        value.append(PIECES[random.nextInt(PIECES.length)]);
      }
      values.add(value.toString());
    }
    return values;
  }

  /** The row as COPY's text format writes it. */
  static byte[] escapedRow(List<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int f = 0; f < values.size(); f++) {
      if (f > 0) {
        out.write('\t');
      }
      String v = values.get(f);
      if (v == null) {
        out.writeBytes(new byte[] {'\\', 'N'});
        continue;
      }
      for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
        String escape = switch (b) {
          case '\\' -> "\\\\";
          case '\t' -> "\\t";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case 8 -> "\\b";
          case 12 -> "\\f";
          case 11 -> "\\v";
          default -> null;
        };
        if (escape == null) {
          out.write(b);
        } else {
          out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Test
  void escapedRowSpellsNullAndEscapesAsCopyDoes() {
    assertThat(new String(escapedRow(Arrays.asList(null, "a\tb\\")), StandardCharsets.UTF_8))
        .isEqualTo("\\N\ta\\tb\\\\\n");
  }
}
