package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RecordScanner} against the mapper it stands in for: whatever it accepts, data binding
 * accepts too and reads the same record; whatever it declines goes to data binding anyway. And the
 * whole reader against what a record line must be: UTF-8 as RFC 3629 defines it (Java's own strict
 * decoder decides), no key twice in an object (data binding with duplicate detection decides),
 * {@code data} an object. Data binding alone is no judge of the first: Jackson reads overlong
 * forms, surrogates and code points above U+10FFFF without a word.
 */
class RecordScannerTest {

  private static final ObjectReader STRICT_TREE = Json.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Overlong forms, UTF-16 surrogates, above U+10FFFF, cut sequences, bytes that start nothing. */
  private static final int[][] INVALID_UTF8 = {{0xc0, 0xaf}, {0xc1, 0xbf}, {0xe0, 0x80, 0xaf}, {0xe0, 0x9f, 0xbf},
      {0xf0, 0x80, 0x80, 0xaf}, {0xf0, 0x8f, 0xbf, 0xbf}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80},
      {0xf5, 0x80, 0x80, 0x80}, {0xf7, 0xbf, 0xbf, 0xbf}, {0xc3}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98}, {0x80}, {0xbf},
      {0xfe}, {0xff}};

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

  @Test
  void declinesEveryInvalidUtf8FormAndTakesTheValidOnesAroundIt() {
    for (int[] invalid : INVALID_UTF8) {
      assertThat(new RecordScanner().line(withBytesInData(invalid), 0, withBytesInData(invalid).length))
          .as(Arrays.toString(invalid)).isNull();
    }
    int[] boundaries = {0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80, 0xef, 0xbf, 0xbf,
        0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf};
    assertThat(new RecordScanner().line(withBytesInData(boundaries), 0, withBytesInData(boundaries).length)).isNotNull();
  }

  @Test
  void declinesAKeyThatRepeatsAtAnyDepthOrInTheEnvelope() {
    String[] lines = {
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"id\":1,\"id\":2}}}",
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":[{\"x\":1,\"y\":{},\"x\":1}]}}}",
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"id\":1,\"\\u0069d\":2}}}",
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{},\"data\":{\"a\":1}}}",
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"stream\":\"t\",\"data\":{}}}",
        "{\"type\":\"RECORD\",\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{}}}",
    };
    for (String line : lines) {
      assertThat(scan(line)).as(line).isNull();
    }
    StringBuilder many = new StringBuilder("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{");
    for (int i = 0; i < 1_000; i++) {
      many.append("\"field_").append(i).append("\":").append(i).append(',');
    }
    assertThat(scan(many + "\"last\":0}}}")).as("a thousand distinct keys").isNotNull();
    assertThat(scan(many + "\"field_500\":0}}}")).as("a thousand keys and one again").isNull();
  }

  /**
   * Thousands of random records and random corruptions of them: single bytes, invalid UTF-8
   * sequences, a key repeated at some depth (as it is, or with an escape that spells the same
   * name), data that is not an object. The scanner never accepts a line data binding rejects, and
   * never reads a record differently; the whole reader never accepts a line that is not a valid
   * record.
   */
  @Test
  void neverDisagreesWithDataBindingOnRandomAndCorruptedLines() throws Exception {
    Random random = new Random(7);
    byte[] alphabet = "{}[]\":,.-+eE0159tfnul \\/abx\t\u00e9".getBytes(StandardCharsets.UTF_8);
    int scannedCorrupted = 0;
    int[] refusedByReader = new int[6];
    for (int i = 0; i < 20_000; i++) {
      String line = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s" + i + "\",\"emitted_at\":" + i
          + ",\"data\":" + Json.write(randomObject(random, 0)) + "}}";
      AirbyteRecordMessage valid = scan(line);
      assertThat(valid).as("the fast path takes every valid record: %s", line).isNotNull();
      assertSameAsDataBinding(line, valid);
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      int at = random.nextInt(bytes.length);
      int corruption = random.nextInt(6);
      switch (corruption) {
        case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
        case 1 -> bytes = remove(bytes, at);
        case 2 -> bytes[at] = (byte) random.nextInt(256);
        case 3 -> bytes = insert(bytes, afterAQuote(bytes, random), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
        case 4 -> bytes = repeatAKey(line, random).getBytes(StandardCharsets.UTF_8);
        default -> bytes = line.replace(",\"data\":{", ",\"data\":[{").replaceFirst("}}$", "]}}").getBytes(StandardCharsets.UTF_8);
      }
      AirbyteRecordMessage scanned = new RecordScanner().line(bytes, 0, bytes.length);
      if (scanned != null) {
        scannedCorrupted++;
        assertSameAsDataBinding(bytes, scanned);
      }
      AirbyteMessage read = readOrNull(bytes);
      if (read == null) {
        refusedByReader[corruption]++;
      } else if (read.type() == AirbyteMessage.Type.RECORD) {
        assertValidRecordLine(bytes);
      }
    }
    assertThat(scannedCorrupted).as("corruptions that still form a record (e.g. a changed digit)").isPositive();
    assertThat(refusedByReader).as("lines the reader refused, by kind of corruption").doesNotContain(0);
  }

  /** A record line with {@code bytes} inside a string of its data. */
  private static byte[] withBytesInData(int... bytes) {
    byte[] head = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":\"x".getBytes(StandardCharsets.UTF_8);
    return insert(insert(head, head.length, bytes), head.length + bytes.length,
        "y\"}}}".chars().toArray());
  }

  /** The whole reader's verdict: the message, or null if it refused the line. */
  private static AirbyteMessage readOrNull(byte[] line) throws Exception {
    try {
      return new MessageReader(new ByteArrayInputStream(line)).next();
    } catch (ProtocolException e) {
      return null;
    }
  }

  /** What a record line must be, decided without the scanner. */
  private static void assertValidRecordLine(byte[] bytes) throws Exception {
    String line = new String(bytes, StandardCharsets.UTF_8);
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new AssertionError("the reader accepted invalid UTF-8: " + line, e);
    }
    JsonToken data = null;
    try (JsonParser p = Json.factory().createParser(bytes)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // the tokenizer then refuses a key twice
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        JsonStreamContext context = p.getParsingContext();
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("data") && context.getParent() != null
            && "record".equals(context.getParent().getCurrentName()) && context.getParent().getParent().inRoot()) {
          data = p.nextToken();
        }
      }
    } catch (JsonParseException e) {
      throw new AssertionError("the reader accepted a line the tokenizer refuses: " + line, e);
    }
    assertThat(data).as("data is an object: %s", line).isEqualTo(JsonToken.START_OBJECT);
  }

  /** The index after a random quote of the line's data (so usually inside a string). */
  private static int afterAQuote(byte[] bytes, Random random) {
    int data = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"data\":") + 7;
    for (int tries = 0; tries < 20; tries++) {
      int at = data + random.nextInt(bytes.length - data);
      if (bytes[at] == '"') {
        return at + 1;
      }
    }
    return data + 2;
  }

  /**
   * The line with the first key of one of its data's objects added again at the start of that
   * object, either as it is or with its first character escaped (the same name to a parser).
   */
  private static String repeatAKey(String line, Random random) {
    int data = line.indexOf("\"data\":") + 7;
    List<Integer> objects = new ArrayList<>();
    for (int at = line.indexOf("{\"", data); at >= 0; at = line.indexOf("{\"", at + 1)) {
      objects.add(at);
    }
    if (objects.isEmpty()) {
      return line.substring(0, data) + "{\"a\":1,\"a\":2}}}";
    }
    int object = objects.get(random.nextInt(objects.size()));
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\":").matcher(line);
    assertThat(name.find(object + 1)).isTrue();
    String key = name.group(1);
    if (random.nextBoolean() && key.charAt(0) < 0x80 && key.charAt(0) != '\\') {
      key = String.format("\\u%04x", (int) key.charAt(0)) + key.substring(1);
    }
    return line.substring(0, object + 1) + "\"" + key + "\":0," + line.substring(object + 1);
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
    assertValidRecordLine(bytes);
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

  private static byte[] insert(byte[] bytes, int at, int[] inserted) {
    byte[] out = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    for (int i = 0; i < inserted.length; i++) {
      out[at + i] = (byte) inserted[i];
    }
    System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
    return out;
  }

  private static byte[] remove(byte[] bytes, int at) {
    byte[] out = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
    return out;
  }
}
