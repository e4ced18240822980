package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state read from its tree is the state data binding reads, or an error naming the field; the
 * message reader reads STATE lines this way.
 */
class StateTreeTest {

  private static final List<String> STATES = List.of(
      "{\"type\": \"STREAM\", \"stream\": {\"stream_descriptor\": {\"name\": \"users\", \"namespace\": \"public\"},"
          + " \"stream_state\": {\"cursor\": \"2024-01-01\", \"n\": 12345678901234567890, \"d\": 1.10}}}",
      "{\"type\": \"STREAM\", \"stream\": {\"stream_descriptor\": {\"name\": 42, \"namespace\": null},"
          + " \"stream_state\": null}, \"sourceStats\": {\"recordCount\": 10000},"
          + " \"destinationStats\": {\"recordCount\": 2.5E3, \"rejectedRecordCount\": \"7\"}}",
      "{\"type\": \"GLOBAL\", \"global\": {\"shared_state\": {\"lsn\": 123}, \"stream_states\": ["
          + "{\"stream_descriptor\": {\"name\": \"a\"}, \"stream_state\": {}},"
          + " {\"stream_descriptor\": {\"name\": \"b\", \"namespace\": \"s\"}}]}}",
      "{\"type\": \"GLOBAL\", \"global\": {\"shared_state\": null, \"stream_states\": null}}",
      "{\"type\": \"LEGACY\", \"data\": {\"users\": {\"id\": 2}}}",
      "{\"data\": [1, \"two\", null]}",
      "{\"type\": null, \"stream\": null, \"global\": null, \"data\": null, \"sourceStats\": null}",
      "{}");

  private static AirbyteStateMessage dataBinding(String json) throws Exception {
    return Json.mapper().readValue(json, AirbyteStateMessage.class);
  }

  @Test
  void everyFieldIsReadAsDataBindingReadsIt() throws Exception {
    for (String json : STATES) {
      assertThat(AirbyteStateMessage.fromTree(Json.parse(json), "")).as(json).isEqualTo(dataBinding(json));
    }
  }

  @Test
  void unknownFieldsAreKeptAtEveryLevel() throws Exception {
    String json = "{\"type\": \"GLOBAL\", \"id\": 17, \"global\": {\"shared_state\": {}, \"x_global\": [1],"
        + " \"stream_states\": [{\"stream_descriptor\": {\"name\": \"a\", \"x_descriptor\": true},"
        + " \"stream_state\": {}, \"x_stream\": \"v\"}]}, \"sourceStats\": {\"recordCount\": 1, \"x_stats\": {}}}";
    AirbyteStateMessage read = AirbyteStateMessage.fromTree(Json.parse(json), "");

    // Data binding keeps them as plain Java values, the tree reader as trees: both write the same JSON.
    assertThat(Json.parse(Json.write(read))).isEqualTo(Json.parse(Json.write(dataBinding(json))));
    assertThat(read.additionalProperties()).containsOnlyKeys("id");
    assertThat(read.global().additionalProperties()).containsOnlyKeys("x_global");
    assertThat(read.global().streamStates().get(0).additionalProperties()).containsOnlyKeys("x_stream");
    assertThat(read.global().streamStates().get(0).streamDescriptor().additionalProperties())
        .containsOnlyKeys("x_descriptor");
    assertThat(read.sourceStats().additionalProperties()).containsOnlyKeys("x_stats");
  }

  @Test
  void aFieldOfTheWrongShapeIsNamed() {
    List<String[]> cases = List.of(
        new String[] {"[]", "the state must be an object, not array"},
        new String[] {"{\"type\": \"STREEM\"}", "type: 'STREEM' is not one of GLOBAL, STREAM, LEGACY"},
        new String[] {"{\"type\": \"STREAM\", \"stream\": \"users\"}", "stream must be an object, not string \"users\""},
        new String[] {"{\"type\": \"STREAM\", \"stream\": {\"stream_descriptor\": [\"users\"]}}",
            "stream.stream_descriptor must be an object, not array"},
        new String[] {"{\"type\": \"STREAM\", \"stream\": {\"stream_descriptor\": {\"name\": {}}}}",
            "stream.stream_descriptor.name must be a string, not object"},
        new String[] {"{\"type\": \"GLOBAL\", \"global\": {\"stream_states\": {}}}",
            "global.stream_states must be an array, not object"},
        new String[] {"{\"type\": \"GLOBAL\", \"global\": {\"stream_states\": [{}, 3]}}",
            "global.stream_states[1] must be an object, not number 3"},
        new String[] {"{\"type\": \"STREAM\", \"sourceStats\": {\"recordCount\": \"many\"}}",
            "sourceStats.recordCount must be a number, not string \"many\""});
    for (String[] c : cases) {
      JsonNode tree = Json.parse(c[0]);
      IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
          () -> AirbyteStateMessage.fromTree(tree, ""));
      assertThat(e).as(c[0]).isNotNull();
      assertThat(e.getMessage()).as(c[0]).isEqualTo(c[1]);
    }
    assertThatThrownBy(() -> AirbyteStateMessage.fromTree(Json.parse("{\"type\": 1}"), "[2]"))
        .hasMessage("[2].type: '1' is not one of GLOBAL, STREAM, LEGACY");
  }

  @Test
  void theMessageReaderReadsStateLinesAsDataBindingDoes() throws Exception {
    String unknownOnTop = "{\"type\": \"STATE\", \"state\": " + STATES.get(0) + ", \"emitted_by\": \"me\"}";
    for (String line : List.of("{\"type\": \"STATE\", \"state\": " + STATES.get(1) + "}",
        "{\"type\": \"STATE\", \"state\": " + STATES.get(2) + "}", unknownOnTop)) {
      AirbyteMessage read = read(line);
      AirbyteMessage expected = Json.mapper().readValue(line, AirbyteMessage.class);
      assertThat(read.state()).as(line).isEqualTo(expected.state());
      assertThat(Json.parse(Json.write(read))).as(line).isEqualTo(Json.parse(Json.write(expected)));
    }
    assertThat(read(unknownOnTop).additionalProperties()).containsOnlyKeys("emitted_by");
  }

  @Test
  void theMessageReaderNamesTheFieldOfAStateLine() throws IOException {
    assertThatThrownBy(() -> read("{\"type\": \"STATE\", \"state\": {\"type\": \"STREAM\", \"stream\": 5}}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("line 1: invalid message: state.stream must be an object, not number 5");
    assertThatThrownBy(() -> read("{\"type\": \"STATE\", \"state\": null}"))
        .hasMessageContaining("line 1: a STATE message needs a 'state' object");
    // A STATE line that also carries another payload is left to data binding, which reads both.
    String both = "{\"type\": \"STATE\", \"state\": {\"type\": \"LEGACY\", \"data\": {}}, \"log\": {\"level\": \"INFO\","
        + " \"message\": \"m\"}}";
    assertThat(read(both).log().message()).isEqualTo("m");
  }

  /** Corrupted state lines: what the reader accepts, data binding accepts as the same message, and the other way round. */
  @Test
  void agreesWithDataBindingOnCorruptedStateLines() throws Exception {
    java.util.Random random = new java.util.Random(11);
    byte[] alphabet = "{}[]\":,.-+eE0159tfnul \\ab".getBytes(StandardCharsets.UTF_8);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      String state = STATES.get(random.nextInt(STATES.size()));
      byte[] bytes = ("{\"type\":\"STATE\",\"state\":" + state + "}").getBytes(StandardCharsets.UTF_8);
      bytes[random.nextInt(bytes.length)] = alphabet[random.nextInt(alphabet.length)];
      String line = new String(bytes, StandardCharsets.UTF_8);
      AirbyteMessage read;
      try {
        read = read(line);
      } catch (ProtocolException e) {
        read = null;
      }
      AirbyteMessage expected;
      try {
        expected = Json.mapper().readerFor(AirbyteMessage.class)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(line);
        expected = expected == null || expected.type() == AirbyteMessage.Type.STATE && expected.state() == null
            ? null : expected;
      } catch (IOException | RuntimeException e) {
        expected = null;
      }
      if (read == null || expected == null) {
        assertThat(read).as("the reader and data binding both refuse %s", line).isEqualTo(expected);
      } else {
        accepted++;
        // Written back, data binding drops the nulls inside unknown fields (plain maps); trees keep them.
        assertThat(withoutNulls(Json.parse(Json.write(read)))).as(line)
            .isEqualTo(withoutNulls(Json.parse(Json.write(expected))));
      }
    }
    assertThat(accepted).as("corruptions that still form a message").isGreaterThan(1_000);
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).properties().removeIf(e -> e.getValue().isNull());
    }
    node.forEach(StateTreeTest::withoutNulls);
    return node;
  }

  private static AirbyteMessage read(String line) throws IOException {
    return new MessageReader(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8))).next();
  }
}
