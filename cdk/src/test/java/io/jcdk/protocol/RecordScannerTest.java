package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RecordScanner} against the mapper it stands in for: whatever it accepts, data binding
 * accepts too and reads the same record; whatever it declines goes to data binding anyway.
 */
class RecordScannerTest {

  private static final ObjectReader STRICT_TREE = Json.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":1,\"data\":{\"a\":1}}}",
      " { \"record\" : { \"data\" : { } , \"namespace\" : null , \"stream\" : \"s\" , \"emitted_at\" : 7 } , \"type\" : \"RECORD\" } ",
      "{\"type\":\"RECORD\",\"record\":{\"namespace\":\"n\",\"stream\":\"données 流\",\"emitted_at\":-999999999999999999,"
          + "\"data\":{\"s\":\"a\\\"b\\\\c\\u00e9\\n\",\"n\":[0,-0.5,1e10,2E-3,12.5e+2],\"b\":[true,false,null],"
          + "\"o\":{\"x\":{\"y\":[[],{}]}},\"u\":\"é😀\"}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":999999999999999999,\"data\":{}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"n\": 1.50},\"meta\":{\"changes\":[{\"field\":\"n\","
          + "\"change\":\"TRUNCATED\",\"reason\":\"SOURCE_FIELD_SIZE_LIMITATION\"}],\"x\":1}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\\u0041\\\"\",\"namespace\":\"\\n\",\"data\":{\"k\\\"\\u00e9\":[\"v\\t\"]}}}",
  })
  void scansRecordsAsDataBindingReadsThem(String line) throws Exception {
    AirbyteRecordMessage scanned = scan(line);
    assertThat(scanned).as("scanned").isNotNull();
    assertSameAsDataBinding(line, scanned);
    assertThat(line).as("data is the input's own bytes").contains(scanned.data().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\"}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{},\"file_reference\":{}}}", // data binding
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":1.5,\"data\":{}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":1000000000000000000,\"data\":{}}}", // 19 digits
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":[1]}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":01}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":NaN}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":1,}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":\"\\x\"}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":\"\t\"}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":tru}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{'a':1}}}",
      "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":1}}} trailing",
      "{\"type\":\"RECORD\",\"record\":{\"data\":{}}}",
      "{\"type\":\"RECORD\"}",
      "{}",
      "",
  })
  void declinesEverythingElse(String line) {
    assertThat(scan(line)).isNull();
  }

  @Test
  void declinesInvalidUtf8() {
    byte[] line = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":\"xx\"}}}".getBytes(StandardCharsets.UTF_8);
    int x = new String(line, StandardCharsets.UTF_8).indexOf("xx");
    line[x] = (byte) 0xc3; // a lead byte followed by an ASCII byte instead of a continuation
    assertThat(new RecordScanner().line(line, 0, line.length)).isNull();
    line[x] = (byte) 0x80; // a continuation byte without a lead
    assertThat(new RecordScanner().line(line, 0, line.length)).isNull();
  }

  @Test
  void declinesNestingBeyondTheMappersLimit() {
    String deep = "[".repeat(5_001) + "]".repeat(5_001);
    String line = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":" + deep + "}}}";
    assertThat(scan(line)).isNull();
    String allowed = "[".repeat(4_000) + "]".repeat(4_000);
    assertThat(scan("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":" + allowed + "}}}")).isNotNull();
  }

  /**
   * Thousands of random records and random single-byte corruptions of them: the scanner never
   * accepts a line data binding rejects, and never reads a record differently.
   */
  @Test
  void neverDisagreesWithDataBindingOnRandomAndCorruptedLines() throws Exception {
    Random random = new Random(7);
    byte[] alphabet = "{}[]\":,.-+eE0159tfnul \\/abx\t\u00e9".getBytes(StandardCharsets.UTF_8);
    int scannedCorrupted = 0;
    for (int i = 0; i < 20_000; i++) {
      String line = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s" + i + "\",\"emitted_at\":" + i
          + ",\"data\":" + Json.write(randomObject(random, 0)) + "}}";
      AirbyteRecordMessage valid = scan(line);
      assertThat(valid).as("the fast path takes every valid record: %s", line).isNotNull();
      assertSameAsDataBinding(line, valid);
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(3)) {
        case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
        case 1 -> bytes = remove(bytes, at);
        default -> bytes[at] = (byte) random.nextInt(256);
      }
      AirbyteRecordMessage scanned = new RecordScanner().line(bytes, 0, bytes.length);
      if (scanned != null) {
        scannedCorrupted++;
        assertSameAsDataBinding(bytes, scanned);
      }
    }
    assertThat(scannedCorrupted).as("corruptions that still form a record (e.g. a changed digit)").isPositive();
  }

  private static void assertSameAsDataBinding(String line, AirbyteRecordMessage scanned) throws Exception {
    assertSameAsDataBinding(line.getBytes(StandardCharsets.UTF_8), scanned);
  }

  /** Bytes, not a String: the mapper decodes UTF-8 itself, as it does in the reader. */
  private static void assertSameAsDataBinding(byte[] bytes, AirbyteRecordMessage scanned) throws Exception {
    if (scanned == null) {
      return;
    }
    String line = new String(bytes, StandardCharsets.UTF_8);
    assertWellFormed(bytes, line);
    AirbyteMessage bound;
    try {
      bound = Json.mapper().readValue(bytes, AirbyteMessage.class);
    } catch (JsonMappingException e) {
      // Well-formed, but a number BigDecimal cannot hold (an exponent beyond int): the raw bytes
      // are the record's data as sent, which is all a pass-through destination needs.
      assertThat(e.getOriginalMessage()).as(line).contains("java.math.BigDecimal");
      return;
    }
    AirbyteRecordMessage expected = bound.record();
    assertThat(scanned.stream()).as(line).isEqualTo(expected.stream());
    assertThat(scanned.namespace()).as(line).isEqualTo(expected.namespace());
    assertThat(scanned.emittedAt()).as(line).isEqualTo(expected.emittedAt());
    assertThat(scanned.meta()).as(line).isEqualTo(expected.meta());
    JsonNode data = STRICT_TREE.readTree(scanned.data().bytes());
    assertThat(data).as(line).isEqualTo(expected.data().tree());
  }

  /** Exactly one JSON value, by the mapper's own tokenizer (no number conversion). */
  private static void assertWellFormed(byte[] bytes, String line) throws Exception {
    try (JsonParser p = Json.factory().createParser(bytes)) {
      assertThat(p.nextToken()).as(line).isNotNull();
      p.skipChildren();
      assertThat(p.nextToken()).as(line).isNull();
    }
  }

  private static AirbyteRecordMessage scan(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return new RecordScanner().line(bytes, 0, bytes.length);
  }

  private static JsonNode randomObject(Random random, int depth) {
    var object = Json.object();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      object.set("k" + random.nextInt(100) + (random.nextBoolean() ? "é\"\n" : ""), randomValue(random, depth + 1));
    }
    return object;
  }

  private static JsonNode randomValue(Random random, int depth) {
    var factory = Json.mapper().getNodeFactory();
    switch (depth > 3 ? random.nextInt(5) : random.nextInt(7)) {
      case 0:
        return factory.textNode(random.nextBoolean() ? "plain" : "tab\t quote\" slash\\ 😀 \u0001");
      case 1:
        return factory.numberNode(random.nextLong() >> random.nextInt(64));
      case 2:
        return factory.numberNode(new java.math.BigDecimal(random.nextGaussian() * 1e6).movePointLeft(random.nextInt(20)));
      case 3:
        return factory.booleanNode(random.nextBoolean());
      case 4:
        return factory.nullNode();
      case 5:
        var array = factory.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomValue(random, depth + 1));
        }
        return array;
      default:
        return randomObject(random, depth);
    }
  }

  private static byte[] remove(byte[] bytes, int at) {
    byte[] out = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
    return out;
  }
}
