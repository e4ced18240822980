package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jcdk.source.postgres.PgType.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgValueConverterTest {

  private static final PgType INT4 = PgType.of(23, "int4", Kind.INTEGER);
  private static final PgType TEXT = PgType.of(25, "text", Kind.STRING);

  /** Converts through the byte[] path and checks the String path writes the same JSON. */
  static String json(PgType type, String text) {
    String viaBytes = write(out -> PgValueConverter.INSTANCE.write(out, type,
        text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
    String viaString = write(out -> PgValueConverter.INSTANCE.write(out, type, text));
    assertThat(viaBytes).isEqualTo(viaString);
    return viaBytes;
  }

  interface Body {
    void write(JsonGenerator out) throws IOException;
  }

  static String write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = PgRecordWriter.JSON.createGenerator(bytes)) {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static PgType type(Kind kind) {
    return PgType.of(0, kind.name().toLowerCase(), kind);
  }

  @Test
  void integersAndBooleansBecomeJsonNumbersAndBooleans() {
    assertThat(json(INT4, "-42")).isEqualTo("-42");
    assertThat(json(PgType.of(5069, "xid8", Kind.INTEGER), "18446744073709551615")).isEqualTo("18446744073709551615");
    assertThat(json(type(Kind.BOOLEAN), "t")).isEqualTo("true");
    assertThat(json(type(Kind.BOOLEAN), "f")).isEqualTo("false");
    assertThat(json(INT4, null)).isEqualTo("null");
  }

  @Test
  void numericKeepsItsDigitsAndSpecialValuesBecomeStrings() {
    assertThat(json(type(Kind.NUMERIC), "123.4500")).isEqualTo("123.4500");
    assertThat(json(type(Kind.NUMERIC), "-0.000000000000000000000001")).isEqualTo("-0.000000000000000000000001");
    assertThat(json(type(Kind.NUMERIC), "NaN")).isEqualTo("\"NaN\"");
    assertThat(json(type(Kind.NUMERIC), "Infinity")).isEqualTo("\"Infinity\"");
    assertThat(json(type(Kind.FLOAT), "-Infinity")).isEqualTo("\"-Infinity\"");
    assertThat(json(type(Kind.FLOAT), "1e+30")).isEqualTo("1e+30");
    assertThat(json(type(Kind.FLOAT), "-0")).isEqualTo("-0");
  }

  @Test
  void moneyDropsCurrencyAndGrouping() {
    assertThat(json(type(Kind.MONEY), "$1,234.56")).isEqualTo("1234.56");
    assertThat(json(type(Kind.MONEY), "-$0.01")).isEqualTo("-0.01");
    assertThat(json(type(Kind.MONEY), "($5.00)")).isEqualTo("-5.00");
    assertThat(json(type(Kind.MONEY), "1.234,56 €")).isEqualTo("1234.56");
    assertThat(json(type(Kind.MONEY), "¥1,235")).isEqualTo("1235");
  }

  @Test
  void textIsEscapedStraightFromUtf8() {
    assertThat(json(TEXT, "a \"quoted\" \\ line\nnext\ttab \u0001 ünïcødé 😀"))
        .isEqualTo("\"a \\\"quoted\\\" \\\\ line\\nnext\\ttab \\u0001 ünïcødé 😀\"");
    assertThat(json(type(Kind.JSON), "{\"a\": [1, 2]}")).isEqualTo("\"{\\\"a\\\": [1, 2]}\"");
  }

  @Test
  void byteaBecomesBase64FromHexOrEscapeFormat() {
    assertThat(json(type(Kind.BYTEA), "\\x00ff10")).isEqualTo("\"AP8Q\"");
    assertThat(json(type(Kind.BYTEA), "\\x")).isEqualTo("\"\"");
    assertThat(json(type(Kind.BYTEA), "a\\000\\\\")).isEqualTo("\"YQBc\"");
  }

  @Test
  void datesUseIsoYearsIncludingBcAndBeyond9999() {
    assertThat(json(type(Kind.DATE), "2024-02-29")).isEqualTo("\"2024-02-29\"");
    assertThat(json(type(Kind.DATE), "0001-01-01 BC")).isEqualTo("\"0000-01-01\"");
    assertThat(json(type(Kind.DATE), "0044-03-15 BC")).isEqualTo("\"-0043-03-15\"");
    assertThat(json(type(Kind.DATE), "12345-01-01")).isEqualTo("\"+12345-01-01\"");
    assertThat(json(type(Kind.DATE), "infinity")).isEqualTo("\"infinity\"");
    assertThat(json(type(Kind.DATE), "-infinity")).isEqualTo("\"-infinity\"");
  }

  @Test
  void timestampsBecomeIsoAndTimestamptzIsNormalizedToUtc() {
    assertThat(json(type(Kind.TIMESTAMP), "2024-01-02 03:04:05.123456")).isEqualTo("\"2024-01-02T03:04:05.123456\"");
    assertThat(json(type(Kind.TIMESTAMP), "0044-03-15 12:00:00 BC")).isEqualTo("\"-0043-03-15T12:00:00\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "2024-01-02 03:04:05.5+00")).isEqualTo("\"2024-01-02T03:04:05.5Z\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "2024-01-01 01:30:00+05:30")).isEqualTo("\"2023-12-31T20:00:00Z\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "2023-12-31 20:00:00-08")).isEqualTo("\"2024-01-01T04:00:00Z\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "1900-01-01 00:00:00+00:09:21")).isEqualTo("\"1899-12-31T23:50:39Z\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "2024-02-29 23:59:59.999999-01"))
        .isEqualTo("\"2024-03-01T00:59:59.999999Z\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "0001-01-01 00:30:00+01 BC")).isEqualTo("\"-0001-12-31T23:30:00Z\"");
    assertThat(json(type(Kind.TIMESTAMPTZ), "infinity")).isEqualTo("\"infinity\"");
  }

  @Test
  void timesKeepTheirTextAndOffsetsGetMinutes() {
    assertThat(json(type(Kind.TIME), "24:00:00")).isEqualTo("\"24:00:00\"");
    assertThat(json(type(Kind.TIMETZ), "03:04:05.25+05")).isEqualTo("\"03:04:05.25+05:00\"");
    assertThat(json(type(Kind.TIMETZ), "03:04:05-03:30")).isEqualTo("\"03:04:05-03:30\"");
  }

  @Test
  void intervalsBecomeIso8601DurationsFromEitherStyle() {
    Kind k = Kind.INTERVAL;
    assertThat(json(type(k), "1 year 2 mons 3 days 04:05:06.5")).isEqualTo("\"P1Y2M3DT4H5M6.5S\"");
    assertThat(json(type(k), "-1 years -2 mons +3 days -04:05:06")).isEqualTo("\"P-1Y-2M3DT-4H-5M-6S\"");
    assertThat(json(type(k), "00:00:00")).isEqualTo("\"PT0S\"");
    assertThat(json(type(k), "-00:00:00.5")).isEqualTo("\"PT-0.5S\"");
    assertThat(json(type(k), "1000:00:00")).isEqualTo("\"PT1000H\"");
    assertThat(json(type(k), "P1Y2M")).isEqualTo("\"P1Y2M\"");
  }

  @Test
  void arraysBecomeNestedJsonArraysWithElementConversion() {
    PgType ints = PgType.arrayOf(1007, "_int4", INT4, ',');
    assertThat(json(ints, "{1,2,NULL,-3}")).isEqualTo("[1,2,null,-3]");
    assertThat(json(ints, "{{1,2},{3,4}}")).isEqualTo("[[1,2],[3,4]]");
    assertThat(json(ints, "[0:1]={7,8}")).isEqualTo("[7,8]");
    assertThat(json(ints, "{}")).isEqualTo("[]");
    PgType texts = PgType.arrayOf(1009, "_text", TEXT, ',');
    assertThat(json(texts, "{\"a b\",\"c\\\"d\",\"NULL\",NULL,\"x,y\",\"\\\\\"}"))
        .isEqualTo("[\"a b\",\"c\\\"d\",\"NULL\",null,\"x,y\",\"\\\\\"]");
    PgType boxes = PgType.arrayOf(1020, "_box", PgType.of(603, "box", Kind.STRING), ';');
    assertThat(json(boxes, "{(3,4),(1,2);(1,1),(0,0)}")).isEqualTo("[\"(3,4),(1,2)\",\"(1,1),(0,0)\"]");
    PgType byteas = PgType.arrayOf(1001, "_bytea", type(Kind.BYTEA), ',');
    assertThat(json(byteas, "{\"\\\\x00ff\",NULL}")).isEqualTo("[\"AP8=\",null]");
  }

  @Test
  void malformedArrayTextNamesTheType() {
    PgType ints = PgType.arrayOf(1007, "_int4", INT4, ',');
    assertThatThrownBy(() -> json(ints, "1,2")).hasMessageContaining("_int4");
  }
}
