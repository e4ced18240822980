package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteLogMessage.Level;
import io.jcdk.protocol.AirbyteStateMessage.StateType;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.AirbyteTraceMessage.Analytics;
import io.jcdk.protocol.AirbyteTraceMessage.Error;
import io.jcdk.protocol.AirbyteTraceMessage.Estimate;
import io.jcdk.protocol.AirbyteTraceMessage.EstimateType;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatus;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatusType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The messages the kit writes without data binding come out byte for byte as data binding writes them. */
class EnvelopeWriterTest {

  private static final StreamDescriptor USERS = StreamDescriptor.of("users");
  private static final StreamDescriptor SALES_ORDERS = StreamDescriptor.of("sales", "orders \"eu\" ✓");
  /** Every kind of value a state holds: nesting, escapes, exact decimals, big and small numbers. */
  private static final JsonNode STATE = Json.parse("""
      {"cursor": "2024-03-01T10:00:00.123456Z", "pk": [1, -2, 3000000000, 123456789012345678901234567890],
       "decimal": 1.50, "exp": 1.5E+300, "tiny": 1E-7, "neg": -0.0, "flag": true, "none": null,
       "text": "tab\\tquote\\" backslash\\\\ nul\\u0000 emoji 😀 ü", "empty": {}, "list": [[], {}, [null]]}
      """);

  private static List<AirbyteMessage> messages() {
    List<AirbyteMessage> m = new ArrayList<>();
    m.add(AirbyteMessage.of(ConnectorSpecification.fromTree(Json.parse("""
        {"documentationUrl": "https://example.com/docs", "changelogUrl": "https://example.com/changes",
         "connectionSpecification": {"type": "object", "required": ["host"], "properties": {"host": {"type": "string"},
           "password": {"type": "string", "airbyte_secret": true}, "port": {"type": "integer", "default": 5432}}},
         "supportsIncremental": true, "supportsNormalization": false, "supportsDBT": false,
         "supported_destination_sync_modes": ["append", "overwrite", "append_dedup", "update", "soft_delete"],
         "authSpecification": {"auth_type": "oauth2.0"}, "advanced_auth": {"auth_flow_type": "oauth2.0"},
         "protocol_version": "0.2.0"}
        """))));
    m.add(AirbyteMessage.of(ConnectorSpecification.of(Json.parse("{\"type\":\"object\"}"))));
    m.add(AirbyteMessage.of(AirbyteConnectionStatus.succeeded()));
    m.add(AirbyteMessage.of(AirbyteConnectionStatus.failed("Could not connect: \"host\" refused\nline two")));
    for (Level level : Level.values()) {
      m.add(AirbyteMessage.of(AirbyteLogMessage.of(level, "a log line ü")));
    }
    m.add(AirbyteMessage.of(new AirbyteLogMessage(Level.ERROR, "failed", "java.lang.X\n\tat a.b(C.java:1)", null)));
    m.add(AirbyteMessage.of(new AirbyteLogMessage(null, null, null, null)));
    for (FailureType type : FailureType.values()) {
      m.add(AirbyteMessage.of(AirbyteTraceMessage.ofError(Error.of(type, "message", "internal", "stack\ntrace"))));
    }
    m.add(AirbyteMessage.of(AirbyteTraceMessage.ofError(new Error("only a message", null, null, null, SALES_ORDERS,
        null))));
    m.add(AirbyteMessage.of(AirbyteTraceMessage.ofEstimate(Estimate.ofStream(SALES_ORDERS, 1_000_000L, 3L << 40))));
    m.add(AirbyteMessage.of(AirbyteTraceMessage.ofEstimate(new Estimate(null, EstimateType.SYNC, null, null, 5L,
        null))));
    for (StreamStatusType status : StreamStatusType.values()) {
      m.add(AirbyteMessage.of(AirbyteTraceMessage.ofStreamStatus(USERS, status)));
      m.add(AirbyteMessage.of(AirbyteTraceMessage.ofStreamStatus(SALES_ORDERS, status)));
    }
    m.add(AirbyteMessage.of(AirbyteTraceMessage.ofAnalytics("kind", "value")));
    m.add(AirbyteMessage.of(new AirbyteTraceMessage(AirbyteTraceMessage.Type.STREAM_STATUS, 1.7e12 + 0.5, null, null,
        new StreamStatus(USERS, null, null, null), null, null)));
    m.add(AirbyteMessage.of(AirbyteStateMessage.ofStream(USERS, STATE)));
    m.add(AirbyteMessage.of(AirbyteStateMessage.ofStream(SALES_ORDERS, Json.object()).withSourceStats(12_345)));
    m.add(AirbyteMessage.of(AirbyteStateMessage.ofStream(USERS, null).withDestinationStats(0.5).withSourceStats(7)));
    m.add(AirbyteMessage.of(AirbyteStateMessage.ofGlobal(STATE, List.of(StreamState.of(USERS, STATE),
        StreamState.of(SALES_ORDERS, Json.object().put("lsn", 42)))).withSourceStats(3)));
    m.add(AirbyteMessage.of(AirbyteStateMessage.ofGlobal(null, List.of())));
    m.add(AirbyteMessage.of(new AirbyteStateMessage(null, null, null, STATE, null, null, null)));
    m.add(AirbyteMessage.of(new AirbyteStateMessage(StateType.LEGACY, null, null, Json.parse("[1,\"x\"]"), null,
        null, null)));
    // Unknown fields a state carries back to the platform: trees as the tree readers keep them, and
    // plain scalars, at every level and on the message itself.
    m.add(AirbyteMessage.of(AirbyteStateMessage.fromTree(Json.parse("""
        {"type": "GLOBAL", "global": {"shared_state": {"lsn": 1}, "x_global": null, "stream_states": [
          {"stream_descriptor": {"name": "users", "x_descriptor": {"a": [null, 1.50]}}, "stream_state": {},
           "x_stream": "v"}]}, "sourceStats": {"recordCount": 3, "x_stats": false}, "id": 17}
        """), "")));
    Map<String, Object> scalars = new java.util.LinkedHashMap<>();
    scalars.put("id", 17);
    scalars.put("big", 1L << 40);
    scalars.put("text", "a \"b\"");
    scalars.put("flag", true);
    m.add(new AirbyteMessage(AirbyteMessage.Type.STATE, null, null, null, null, null,
        new AirbyteStateMessage(StateType.STREAM, new StreamState(new StreamDescriptor("users", null, scalars), STATE,
            scalars), null, null, null, new AirbyteStateMessage.StateStats(1.0, 2.0, scalars), scalars),
        null, null, null, scalars));
    m.add(AirbyteMessage.of(AirbyteTraceMessage.ofStreamStatus(new StreamDescriptor("users", "s", scalars),
        StreamStatusType.STARTED)));
    return m;
  }

  @Test
  void everyMessageComesOutAsDataBindingWritesIt() throws IOException {
    for (AirbyteMessage message : messages()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator g = Json.mapper().createGenerator(bytes)) {
        assertThat(EnvelopeWriter.write(g, message)).as("written without data binding: %s", message).isTrue();
      }
      assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(dataBinding(message));
    }
  }

  @Test
  void messagesWithFieldsTheModelDoesNotKnowAreLeftToDataBinding() throws IOException {
    Map<String, Object> extra = Map.of("x_extra", List.of(1)); // neither a tree nor a plain scalar
    List<AirbyteMessage> left = List.of(
        new AirbyteMessage(AirbyteMessage.Type.LOG, AirbyteLogMessage.of(Level.INFO, "x"), null, null, null, null,
            null, null, null, null, extra),
        AirbyteMessage.of(new AirbyteLogMessage(Level.INFO, "x", null, extra)),
        AirbyteMessage.of(new AirbyteConnectionStatus(AirbyteConnectionStatus.Status.FAILED, "x", extra)),
        AirbyteMessage.of(AirbyteTraceMessage.ofStreamStatus(new StreamDescriptor("users", null, extra),
            StreamStatusType.STARTED)),
        AirbyteMessage.of(new AirbyteTraceMessage(AirbyteTraceMessage.Type.STREAM_STATUS, 1, null, null,
            new StreamStatus(USERS, StreamStatusType.INCOMPLETE, List.of(Map.of("type", "RATE_LIMITED")), null),
            null, null)),
        AirbyteMessage.of(new AirbyteTraceMessage(AirbyteTraceMessage.Type.ANALYTICS, 1, null, null, null,
            new Analytics("t", "v", extra), null)),
        AirbyteMessage.of(new AirbyteStateMessage(StateType.STREAM, StreamState.of(USERS, STATE), null, null,
            new AirbyteStateMessage.StateStats(1.0, null, extra), null, null)),
        AirbyteMessage.of(AirbyteStateMessage.ofGlobal(STATE, List.of(new StreamState(USERS, STATE, extra)))),
        AirbyteMessage.of(AirbyteStateMessage.ofStream(USERS, STATE)).withLog(AirbyteLogMessage.of(Level.INFO, "x")),
        AirbyteMessage.of(ConnectorSpecification.fromTree(Json.parse(
            "{\"connectionSpecification\":{},\"x_vendor\":[1]}"))),
        AirbyteMessage.of(AirbyteCatalog.of(List.of())));
    for (AirbyteMessage message : left) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator g = Json.mapper().createGenerator(bytes)) {
        assertThat(EnvelopeWriter.write(g, message)).as("left to data binding: %s", message).isFalse();
      }
      assertThat(bytes.size()).isZero();
    }
  }

  /** The message as data binding writes it to the same kind of generator (bytes, UTF-8). */
  private static String dataBinding(AirbyteMessage message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.mapper().createGenerator(bytes)) {
      Json.mapper().writeValue(g, message);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theMessageWriterWritesBothKindsAsDataBindingDoes() {
    List<AirbyteMessage> all = new ArrayList<>(messages());
    all.add(AirbyteMessage.of(new AirbyteLogMessage(Level.INFO, "x", null, Map.of("x_extra", List.of(1, "two")))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    try (MessageWriter out = new MessageWriter(bytes)) {
      for (AirbyteMessage message : all) {
        out.write(message);
        expected.append(dataBinding(message)).append('\n');
      }
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }
}
