package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageReaderTest {

  private static MessageReader reader(String text) {
    return new MessageReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String RECORD = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":1,\"data\":{\"a\":1}}}";

  @Test
  void malformedLineFailsWithItsNumberAndAnExcerpt() throws IOException {
    MessageReader r = reader(RECORD + "\n\n" + "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\"" + "x".repeat(500) + "\n");
    assertThat(r.next()).isNotNull();
    assertThatThrownBy(r::next)
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("line 3: malformed JSON")
        .hasMessageContaining("(line starts: {\"type\":\"RECORD\"")
        .hasMessageContaining(" bytes])")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
  }

  @Test
  void unknownMessageTypeNamesTheValueAndTheAllowedOnes() throws IOException {
    MessageReader r = reader("{\"type\":\"RECORDS\",\"record\":{}}\n");
    assertThatThrownBy(r::next)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("line 1: invalid value 'RECORDS' at 'type'")
        .hasMessageContaining("RECORD, STATE, LOG");
  }

  @Test
  void messageWithoutItsPayloadIsRejected() throws IOException {
    assertThatThrownBy(() -> reader("{\"type\":\"STATE\"}").next())
        .hasMessageContaining("line 1: a STATE message needs a 'state' object");
    assertThatThrownBy(() -> reader("{\"log\":{\"level\":\"INFO\",\"message\":\"m\"}}").next()).hasMessageContaining("line 1: invalid message: missing required field 'type' in AirbyteMessage");
    assertThatThrownBy(() -> reader("[1,2]").next()).hasMessageContaining("line 1:");
  }

  @Test
  void recordWithoutStreamOrDataIsRejected() {
    assertThatThrownBy(() -> reader("{\"type\":\"RECORD\",\"record\":{\"emitted_at\":1,\"data\":{}}}").next())
        .hasMessageContaining("line 1: invalid message: missing required field 'stream' in AirbyteRecordMessage");
  }

  private static AirbyteMessage secondOf(String text) throws IOException {
    MessageReader r = reader(text);
    r.next();
    return r.next();
  }

  /** A record line with {@code bytes} in the middle of a string value of data, after a valid first line. */
  private static MessageReader withBytesInAString(int... bytes) {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    line.writeBytes((RECORD + "\n{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":1,\"data\":{\"a\":\"x")
        .getBytes(StandardCharsets.UTF_8));
    for (int b : bytes) {
      line.write(b);
    }
    line.writeBytes("y\"}}}\n".getBytes(StandardCharsets.UTF_8));
    return new MessageReader(new ByteArrayInputStream(line.toByteArray()));
  }

  /**
   * UTF-8 as RFC 3629 defines it: no overlong forms (C0 AF would read as '/'), no UTF-16
   * surrogates, nothing above U+10FFFF, no cut sequence. Jackson reads the first three without a
   * word, so the reader checks them itself.
   */
  @Test
  void invalidUtf8IsRefusedNamingTheLineAndTheBytes() throws IOException {
    int[][] invalid = {{0xc0, 0xaf}, {0xc1, 0xbf}, {0xe0, 0x80, 0xaf}, {0xf0, 0x80, 0x80, 0xaf}, {0xed, 0xa0, 0x80},
        {0xed, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0xc3}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98},
        {0x80}, {0xff}};
    for (int[] bytes : invalid) {
      MessageReader r = withBytesInAString(bytes);
      assertThat(r.next()).isNotNull();
      assertThatThrownBy(r::next).as(Arrays.toString(bytes)).isInstanceOf(ProtocolException.class)
          .hasMessageStartingWith("line 2: ")
          .hasMessageContaining(String.format("invalid UTF-8 at byte 70 of the line: %02X", bytes[0]));
    }
    MessageReader valid = withBytesInAString(0xc2, 0x80, 0xe0, 0xa0, 0x80, 0xed, 0x9f, 0xbf, 0xf0, 0x90, 0x80, 0x80,
        0xf4, 0x8f, 0xbf, 0xbf, 0xee, 0x80, 0x80);
    valid.next();
    assertThat(valid.next().record().data().tree().get("a").asText())
        .isEqualTo("x\u0080\u0800\ud7ff\ud800\udc00\udbff\udfff\ue000y");
  }

  @Test
  void dataThatIsNotAnObjectIsRefusedNamingTheLine() {
    for (String data : new String[] {"[1,2]", "\"text\"", "7", "true"}) {
      assertThatThrownBy(() -> secondOf(RECORD + "\n{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":" + data + "}}\n"))
          .as(data).hasMessageStartingWith("line 2: a RECORD's data must be a JSON object");
    }
  }

  @Test
  void aKeyThatRepeatsIsRefusedNamingTheLineAndTheKey() {
    String[] repeats = {"{\"id\":1,\"id\":2}", "{\"a\":{\"x\":1,\"y\":2,\"x\":3}}", "{\"a\":[{\"k\":1,\"k\":1}]}",
        "{\"id\":1,\"\\u0069d\":2}", "{\"é\":1,\"\\u00e9\":1}"};
    for (String data : repeats) {
      assertThatThrownBy(() -> secondOf(RECORD + "\n{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":" + data + "}}\n"))
          .as(data).hasMessageStartingWith("line 2: ").hasMessageContaining("Duplicate field");
    }
    assertThatThrownBy(() -> reader("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{},\"data\":{\"a\":1}}}\n").next())
        .hasMessageStartingWith("line 1: ").hasMessageContaining("Duplicate field 'data'");
  }

  /** A second message glued onto a line would be lost without a word. */
  @Test
  void anythingAfterTheMessageOnItsLineIsRefused() {
    assertThatThrownBy(() -> secondOf(RECORD + "\n" + "{\"type\":\"STATE\",\"state\":{\"type\":\"GLOBAL\",\"global\":"
        + "{\"shared_state\":{}}}}" + RECORD + "\n"))
        .hasMessageStartingWith("line 2: malformed JSON: Trailing token");
    assertThatThrownBy(() -> secondOf(RECORD + "\n" + RECORD + "}\n")).hasMessageStartingWith("line 2: malformed JSON");
  }

  @Test
  void windowsLineEndingsAndMissingFinalNewlineAreAccepted() throws IOException {
    MessageReader r = reader(RECORD + "\r\n" + RECORD);
    assertThat(r.next().record().data().tree().get("a").asInt()).isEqualTo(1);
    assertThat(r.next()).isNotNull();
    assertThat(r.next()).isNull();
    assertThat(r.lineNumber()).isEqualTo(2);
  }

  /**
   * Records are decoded in the read buffer, the scanner finding each line's end; lines cut by a
   * buffer refill, other messages, blank lines and CRLF go the line-by-line way. Both must give the
   * same messages and line numbers, however the input arrives.
   */
  @Test
  void messagesAndLineNumbersDoNotDependOnHowTheInputArrives() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      String note = i % 250 == 10 ? "x".repeat(20_000) : ""; // long lines switch the reader to splitting first
      text.append(switch (i % 7) {
        case 0 -> "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"s\"},"
            + "\"stream_state\":{\"n\":" + i + "}}}}\n";
        case 1 -> "  \r\n";
        case 2 -> " {\"type\" : \"RECORD\", \"record\":{\"stream\":\"s\",\"emitted_at\":" + i + ",\"data\":{\"n\":" + i + "}} } \r\n";
        default -> "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":" + i + ",\"data\":{\"n\":" + i
            + ",\"s\":\"" + "é".repeat(i % 50) + note + "\"}}}\n";
      });
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    List<String> whole = readAll(new MessageReader(new ByteArrayInputStream(bytes)));
    java.util.Random random = new java.util.Random(7);
    List<String> trickled = readAll(new MessageReader(new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(400)));
      }
    }));
    assertThat(whole).hasSize(3_000 - 3_000 / 7 - 1).isEqualTo(trickled);
    assertThat(whole.get(2)).isEqualTo("line 4 RECORD 3 {\"n\":3,\"s\":\"ééé\"}");
  }

  @Test
  void aRecordSpreadOverTwoLinesIsAnErrorNamingItsFirstLine() throws IOException {
    MessageReader r = reader(RECORD + "\n{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\n\"data\":{}}}\n");
    assertThat(r.next()).isNotNull();
    assertThatThrownBy(r::next).hasMessageStartingWith("line 2: malformed JSON");
  }

  private static List<String> readAll(MessageReader reader) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    AirbyteMessage m;
    while ((m = reader.next()) != null) {
      out.add("line " + reader.lineNumber() + " " + m.type() + (m.record() == null ? ""
          : " " + m.record().emittedAt() + " " + m.record().data()));
    }
    return out;
  }

  @Test
  void recordDataIsKeptAsTheExactInputBytes() throws IOException {
    String data = "{\"b\": [1, 2.50, \"\\u00e9\"],  \"a\":{}}";
    AirbyteMessage m = reader("{\"record\":{\"data\":" + data + ",\"stream\":\"s\",\"emitted_at\":5},\"type\":\"RECORD\"}").next();
    assertThat(m.record().data().toString()).isEqualTo(data);
    assertThat(m.record().emittedAt()).isEqualTo(5);
  }

  @Test
  void recordsOfMoreThanOneHundredMegabytesAreReadAndWritten() throws IOException {
    int size = 110 << 20;
    byte[] prefix = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"big\",\"emitted_at\":1,\"data\":{\"blob\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    byte[] suffix = "\"}}}\n".getBytes(StandardCharsets.UTF_8);
    List<ByteArrayInputStream> parts = List.of(new ByteArrayInputStream(prefix), new ByteArrayInputStream(body),
        new ByteArrayInputStream(suffix), new ByteArrayInputStream(RECORD.getBytes(StandardCharsets.UTF_8)));
    MessageReader r = new MessageReader(new SequenceInputStream(Collections.enumeration(parts)));
    AirbyteMessage big = r.next();
    assertThat(big.record().data().size()).isEqualTo(size + "{\"blob\":\"\"}".length());
    assertThat(r.next().record().stream()).isEqualTo("s");

    long[] written = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        written[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        written[0] += len;
      }
    };
    try (MessageWriter w = new MessageWriter(counting)) {
      w.write(big);
    }
    assertThat(written[0]).isEqualTo(prefix.length + size + suffix.length);
    // The string limit applies to trees too: parsing the record's data must not hit Jackson's 20 MB cap.
    assertThat(big.record().data().tree().get("blob").asText()).hasSize(size);
  }
}
