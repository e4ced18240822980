package io.jcdk.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A page reads the same however its body arrives in pieces (the parser's buffer cut anywhere, the
 * records sliced out of what {@link SlicingInputStream} kept): the same records, the same values,
 * or the same error at the same position.
 */
class PageParserTest {

  /** Bodies arrive in reads of these sizes; 1 and 7 cut every record, the parser's buffer holds 8,000. */
  private static final int[] CHUNKS = {1, 7, 100, 4_000, Integer.MAX_VALUE};

  static Stream<Arguments> pages() {
    return Stream.of(
        valid("strings holding brackets, braces and escaped quotes",
            "{\"data\":[{\"s\":\"a}b]c{[\\\"\",\"t\":\"\\\\\\\"\\\\\"},{\"u\":\"\\u007d\\/\"}],\"next\":\"x]}\"}"),
        valid("nested and empty arrays and objects",
            "{\"data\":[{\"a\":[[1,[2,[]]],{}],\"b\":{\"c\":{\"d\":[{}]}}},{},{\"e\":[[[]]]}]}"),
        valid("numbers of every form, last in their record and in the page",
            "{\"data\":[{\"n\":-1.5e+3},{\"n\":0},{\"n\":12345678901234567890123},{\"n\":1E-2}],\"next\":12}"),
        valid("literals and whitespace between tokens", "{ \"data\" : [ { \"a\" : true , \"b\" : null } ,\t{\"c\":false} ] }"),
        valid("raw line breaks inside records", "{\"data\":[{\"a\":1,\r\n\"b\":2},\n{\"c\":\r3}],\n\"next\":4}"),
        valid("UTF-8 of two, three and four bytes", "{\"data\":[{\"s\":\"é € 😀\"},{\"é\":\"x\"}]}"),
        valid("escaped names",
            "{\"data\":[{\"id\":1,\"\\u0069e\":2}]}"),
        valid("a byte order mark", "\uFEFF{\"data\":[{\"a\":1}]}"),
        valid("a record larger than the parser's buffer", "{\"data\":[{\"a\":1},{\"big\":\"" + "x".repeat(20_000)
            + "\",\"n\":[1,2]},{\"b\":2}]}"),
        valid("more records than the slicing buffer holds at once", page(400, "")),
        malformed("an error after more records than the slicing buffer holds at once", page(400, ",")),
        malformed("a doubled comma in a record", "{\"data\":[{\"id\":1},\n{\"id\":2,,}]}"),
        malformed("a trailing comma in an object", "{\"data\":[{\"a\":1,}]}"),
        malformed("a trailing comma in an array", "{\"data\":[{\"a\":[1,]}]}"),
        malformed("a missing comma", "{\"data\":[{\"a\":1 \"b\":2}]}"),
        malformed("a bracket closing a brace", "{\"data\":[{\"a\":[1}]}"),
        malformed("an unquoted name", "{\"data\":[{a:1}]}"),
        malformed("a name twice in one record", "{\"data\":[{\"a\":1,\"b\":{\"a\":2},\"a\":3}]}"),
        malformed("a name twice once decoded", "{\"data\":[{\"id\":1,\"\\u0069d\":2}]}"),
        malformed("a leading zero", "{\"data\":[{\"n\":01}]}"),
        malformed("a fraction without digits", "{\"data\":[{\"n\":1.}]}"),
        malformed("a lone minus", "{\"data\":[{\"n\":-}]}"),
        malformed("NaN", "{\"data\":[{\"n\":NaN}]}"),
        malformed("a truncated literal", "{\"data\":[{\"b\":tru}]}"),
        malformed("a control character in a string", "{\"data\":[{\"s\":\"a\tb\"}]}"),
        malformed("a bad escape", "{\"data\":[{\"s\":\"\\x\"}]}"),
        malformed("a short unicode escape", "{\"data\":[{\"s\":\"\\u12\"}]}"),
        malformed("a body that ends inside a record", "{\"data\":[{\"a\":1,\"b\":\"xy"),
        malformed("a body that ends after a number", "{\"data\":[{\"a\":12"),
        malformed("an error after a record larger than the parser's buffer",
            "{\"data\":[{\"big\":\"" + "x".repeat(20_000) + "\"},{\"a\":1,,}]}"),
        malformed("an error at the end of a record larger than the parser's buffer",
            "{\"data\":[{\"big\":\"" + "x".repeat(20_000) + "\",}]}"),
        arguments("a lead byte without its continuation", bytes("{\"data\":[{\"s\":\"a", 0xC3, 0x28, "\"}]}")),
        arguments("a lone continuation byte", bytes("{\"data\":[{\"s\":\"a", 0x80, "\"}]}")),
        arguments("an overlong encoding", bytes("{\"data\":[{\"s\":\"", 0xC0, 0xAF, "\"}]}")),
        arguments("an encoded surrogate", bytes("{\"data\":[{\"s\":\"", 0xED, 0xA0, 0x80, "\"}]}")),
        arguments("a code point above U+10FFFF", bytes("{\"data\":[{\"s\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}]}")),
        arguments("a byte that is never UTF-8", bytes("{\"data\":[{\"s\":\"", 0xFF, "\"},{\"a\":1}]}")),
        arguments("invalid UTF-8 in a name", bytes("{\"data\":[{\"", 0xC3, "\":1}]}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void aPageReadsTheSameHoweverItsBodyArrives(String what, byte[] body, Boolean valid) {
    Outcome expected = parse(new PageParser("/data", Set.of("/next")), body, Integer.MAX_VALUE);
    if (valid != null) {
      assertThat(expected.error()).as(what).matches(e -> valid == (e == null));
    }
    for (int chunk : CHUNKS) {
      assertThat(parse(new PageParser("/data", Set.of("/next")), body, chunk)).as("%s, in reads of %d bytes", what, chunk)
          .isEqualTo(expected);
    }
  }

  @Test
  void theComparisonSeesRecordsValuesAndErrors() {
    PageParser parser = new PageParser("/data", Set.of("/next"));
    Outcome ok = parse(parser, "{\"data\":[{\"s\":\"}\"},{\"n\":[1,[2]]}],\"next\":12}".getBytes(UTF_8), 7);
    assertThat(ok.records()).containsExactly("{\"s\":\"}\"}", "{\"n\":[1,[2]]}");
    assertThat(ok.values()).containsEntry("/next", Json.parse("12"));
    assertThat(ok.error()).isNull();

    Outcome bad = parse(parser, "{\"data\":[{\"id\":1},\n{\"id\":2,,}]}".getBytes(UTF_8), 7);
    assertThat(bad.records()).containsExactly("{\"id\":1}");
    assertThat(bad.error()).startsWith("line 2, column 9, byte 27: Unexpected character (',' (code 44))");
  }

  @Test
  void aDuplicateNameInARecordIsAnError() {
    Outcome bad = parse(new PageParser("/data", Set.of()), "{\"data\":[{\"a\":1,\"a\":2}]}".getBytes(UTF_8), 100);
    assertThat(bad.error()).contains("Duplicate field 'a'");
  }

  /** The records' bytes and the values, or the error with its position; all a page read passes on. */
  private record Outcome(List<String> records, Map<String, JsonNode> values, String error) {}

  private static Outcome parse(PageParser parser, byte[] body, int chunk) {
    List<String> records = new ArrayList<>();
    try {
      PageParser.Parsed parsed = parser.parse(new Chunked(body, chunk), r -> records.add(new String(r.bytes(), UTF_8)));
      return new Outcome(records, parsed.values(), null);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      return new Outcome(records, Map.of(), "line " + at.getLineNr() + ", column " + at.getColumnNr() + ", byte "
          + at.getByteOffset() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A body whose reads give at most {@code chunk} bytes, as a body arriving in pieces does. */
  private static final class Chunked extends InputStream {
    private final byte[] body;
    private final int chunk;
    private int pos;

    Chunked(byte[] body, int chunk) {
      this.body = body;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return pos < body.length ? body[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == body.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), body.length - pos);
      System.arraycopy(body, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** {@code records} records of about 300 bytes, then {@code tail} before the array's end. */
  private static String page(int records, String tail) {
    StringBuilder page = new StringBuilder("{\"data\":[");
    for (int i = 0; i < records; i++) {
      page.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"bio\":\"").append("word ".repeat(55))
          .append("\",\"tags\":[\"a\",{\"b\":[").append(i).append("]}]}");
    }
    return page.append(tail).append("],\"next\":").append(records).append('}').toString();
  }

  private static Arguments valid(String what, String body) {
    return Arguments.of(what, body.getBytes(UTF_8), true);
  }

  private static Arguments malformed(String what, String body) {
    return Arguments.of(what, body.getBytes(UTF_8), false);
  }

  /** Bytes that are not valid UTF-8, which Jackson takes or refuses as it does. */
  private static Arguments arguments(String what, byte[] body) {
    return Arguments.of(what, body, null);
  }

  /** Text and raw bytes (ints), in order: for bodies that are not valid UTF-8. */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }
}
