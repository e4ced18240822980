package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.protocol.AirbyteRecordMessage.ChangeType;
import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.AirbyteRecordMessage.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageWriterTest {

  /** A RECORD line as the writer wrote every record before it copied a cached envelope. */
  private static String structured(AirbyteRecordMessage r) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (JsonGenerator gen = Json.mapper().createGenerator(text, JsonEncoding.UTF8)) {
      gen.writeStartObject();
      gen.writeStringField("type", "RECORD");
      gen.writeFieldName("record");
      gen.writeStartObject();
      if (r.namespace() != null) {
        gen.writeStringField("namespace", r.namespace());
      }
      gen.writeStringField("stream", r.stream());
      gen.writeNumberField("emitted_at", r.emittedAt());
      gen.writeFieldName("data");
      gen.writeRawValue(r.data().toString());
      if (r.meta() != null) {
        gen.writeFieldName("meta");
        Json.mapper().writeValue(gen, r.meta());
      }
      gen.writeEndObject();
      gen.writeEndObject();
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  private static final String[] NAMES = {"users", "public", "ünïcødé", "quote\"d", "back\\slash", "tab\there",
      "ctl\u0001", "😀", "", "a/b", "\u2028"};

  @Test
  void recordsAreTheBytesTheStructuredWriterWrote() throws Exception {
    Random random = new Random(14);
    List<AirbyteMessage> messages = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String namespace = random.nextInt(4) == 0 ? null : NAMES[random.nextInt(NAMES.length)];
      String stream = NAMES[random.nextInt(NAMES.length)];
      long emittedAt = random.nextInt(3) == 0 ? random.nextLong() : 1_700_000_000_000L + random.nextInt(3);
      RawJson data = RawJson.parse("{\"id\":" + i + ",\"name\":\"" + NAMES[random.nextInt(NAMES.length)]
          .replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\u0001", "\\u0001") + "\"}");
      Meta meta = random.nextInt(10) == 0
          ? Meta.of(Change.of("name", ChangeType.NULLED, Reason.SOURCE_FIELD_SIZE_LIMITATION)) : null;
      messages.add(AirbyteMessage.of(new AirbyteRecordMessage(namespace, stream, data, emittedAt, meta, null, null)));
      if (random.nextInt(50) == 0) {
        messages.add(AirbyteMessage.of(AirbyteStateMessage.ofStream(StreamDescriptor.of(namespace, stream),
            Json.object().put("n", i))));
      }
    }
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    try (MessageWriter writer = new MessageWriter(written)) {
      for (AirbyteMessage m : messages) {
        if (m.type() == AirbyteMessage.Type.RECORD && m.record().meta() == null) {
          writer.write(m.record());
        } else {
          writer.write(m);
        }
        expected.append(m.type() == AirbyteMessage.Type.RECORD ? structured(m.record())
            : new String(Json.mapper().writeValueAsBytes(m), StandardCharsets.UTF_8)).append('\n');
      }
    }
    assertThat(written.toString(StandardCharsets.UTF_8).split("\n", -1))
        .containsExactly(expected.toString().split("\n", -1));
  }
}
