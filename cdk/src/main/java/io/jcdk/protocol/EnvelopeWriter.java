package io.jcdk.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStateMessage.StateStats;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.AirbyteTraceMessage.Error;
import io.jcdk.protocol.AirbyteTraceMessage.Estimate;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the messages every command of every connector writes (its spec, connection status, stream
 * statuses, errors, estimates, states and logs) straight to a generator, as data binding would write
 * them: the first message a process serializes through data binding costs 20 ms of introspection
 * with the images' class-data archive and 90 ms without. A message may carry fields the model does
 * not know ({@code additionalProperties}) when they are trees or plain scalars ({@link #simple}), as
 * the states the platform passes on do; other unknown fields, or a type this class does not write,
 * are left to data binding ({@link #write} returns false before writing anything).
 * {@code EnvelopeWriterTest} holds the output to data binding's, message by message.
 */
final class EnvelopeWriter {

  private EnvelopeWriter() {}

  /** Writes {@code m} as one JSON object and returns true, or returns false having written nothing. */
  static boolean write(JsonGenerator g, AirbyteMessage m) throws IOException {
    if (!writable(m)) {
      return false;
    }
    g.writeStartObject();
    g.writeStringField("type", m.type().name());
    switch (m.type()) {
      case LOG -> log(g, m.log());
      case CONNECTION_STATUS -> connectionStatus(g, m.connectionStatus());
      case TRACE -> trace(g, m.trace());
      case STATE -> state(g, m.state());
      case SPEC -> spec(g, m.spec());
      default -> throw new IllegalStateException("not writable: " + m.type());
    }
    extra(g, m.additionalProperties());
    g.writeEndObject();
    return true;
  }

  private static boolean writable(AirbyteMessage m) {
    if (!simple(m.additionalProperties()) || m.destinationCatalog() != null) {
      return false;
    }
    return switch (m.type()) {
      case LOG -> only(m, m.log()) && m.log().additionalProperties().isEmpty();
      case CONNECTION_STATUS -> only(m, m.connectionStatus()) && m.connectionStatus().additionalProperties().isEmpty();
      case TRACE -> only(m, m.trace()) && writable(m.trace());
      case STATE -> only(m, m.state()) && writable(m.state());
      case SPEC -> only(m, m.spec()) && m.spec().additionalProperties().isEmpty();
      default -> false;
    };
  }

  /** The message holds {@code payload} and no other. */
  private static boolean only(AirbyteMessage m, Object payload) {
    int held = 0;
    for (Object o : new Object[] {m.log(), m.spec(), m.connectionStatus(), m.catalog(), m.record(), m.state(),
        m.trace(), m.control()}) {
      held += o == null ? 0 : 1;
    }
    return payload != null && held == 1;
  }

  private static boolean writable(AirbyteTraceMessage t) {
    return t.additionalProperties().isEmpty()
        && (t.error() == null || t.error().additionalProperties().isEmpty() && plain(t.error().streamDescriptor()))
        && (t.estimate() == null || t.estimate().additionalProperties().isEmpty())
        && (t.streamStatus() == null || t.streamStatus().additionalProperties().isEmpty()
            && t.streamStatus().reasons() == null && plain(t.streamStatus().streamDescriptor()))
        && (t.analytics() == null || t.analytics().additionalProperties().isEmpty());
  }

  private static boolean writable(AirbyteStateMessage s) {
    if (!simple(s.additionalProperties()) || !plain(s.sourceStats()) || !plain(s.destinationStats())) {
      return false;
    }
    if (s.stream() != null && !plain(s.stream())) {
      return false;
    }
    if (s.global() != null) {
      if (!simple(s.global().additionalProperties())) {
        return false;
      }
      for (StreamState each : s.global().streamStates()) {
        if (!plain(each)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean plain(StreamDescriptor d) {
    return d == null || simple(d.additionalProperties());
  }

  private static boolean plain(StreamState s) {
    return simple(s.additionalProperties()) && plain(s.streamDescriptor());
  }

  private static boolean plain(StateStats s) {
    return s == null || simple(s.additionalProperties());
  }

  /**
   * Unknown fields this class writes as data binding does: trees (as the tree readers keep them, e.g.
   * the {@code id} the Airbyte platform adds to every state it passes on) and plain scalars.
   */
  private static boolean simple(Map<String, Object> extra) {
    for (Object v : extra.values()) {
      if (!(v instanceof JsonNode || v instanceof String || v instanceof Boolean || v instanceof Integer
          || v instanceof Long)) {
        return false;
      }
    }
    return true;
  }

  /** After the known fields, where data binding writes them ({@code @JsonAnyGetter}). */
  private static void extra(JsonGenerator g, Map<String, Object> extra) throws IOException {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      g.writeFieldName(e.getKey());
      Object v = e.getValue();
      if (v instanceof JsonNode n) {
        tree(g, n);
      } else if (v instanceof String text) {
        g.writeString(text);
      } else if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else if (v instanceof Integer i) {
        g.writeNumber(i);
      } else {
        g.writeNumber((Long) v);
      }
    }
  }

  private static void log(JsonGenerator g, AirbyteLogMessage log) throws IOException {
    g.writeObjectFieldStart("log");
    string(g, "level", log.level() == null ? null : log.level().name());
    string(g, "message", log.message());
    string(g, "stack_trace", log.stackTrace());
    g.writeEndObject();
  }

  private static void spec(JsonGenerator g, ConnectorSpecification s) throws IOException {
    g.writeObjectFieldStart("spec");
    string(g, "documentationUrl", s.documentationUrl());
    string(g, "changelogUrl", s.changelogUrl());
    tree(g, "connectionSpecification", s.connectionSpecification());
    bool(g, "supportsIncremental", s.supportsIncremental());
    bool(g, "supportsNormalization", s.supportsNormalization());
    bool(g, "supportsDBT", s.supportsDbt());
    if (s.supportedDestinationSyncModes() != null) {
      g.writeArrayFieldStart("supported_destination_sync_modes");
      for (DestinationSyncMode mode : s.supportedDestinationSyncModes()) {
        g.writeString(mode.wire());
      }
      g.writeEndArray();
    }
    tree(g, "authSpecification", s.authSpecification());
    tree(g, "advanced_auth", s.advancedAuth());
    string(g, "protocol_version", s.protocolVersion());
    g.writeEndObject();
  }

  private static void connectionStatus(JsonGenerator g, AirbyteConnectionStatus s) throws IOException {
    g.writeObjectFieldStart("connectionStatus");
    string(g, "status", s.status() == null ? null : s.status().name());
    string(g, "message", s.message());
    g.writeEndObject();
  }

  private static void trace(JsonGenerator g, AirbyteTraceMessage t) throws IOException {
    g.writeObjectFieldStart("trace");
    string(g, "type", t.type() == null ? null : t.type().name());
    g.writeNumberField("emitted_at", t.emittedAt());
    if (t.error() != null) {
      Error e = t.error();
      g.writeObjectFieldStart("error");
      string(g, "message", e.message());
      string(g, "internal_message", e.internalMessage());
      string(g, "stack_trace", e.stackTrace());
      string(g, "failure_type", e.failureType() == null ? null : e.failureType().wire());
      descriptor(g, "stream_descriptor", e.streamDescriptor());
      g.writeEndObject();
    }
    if (t.estimate() != null) {
      Estimate e = t.estimate();
      g.writeObjectFieldStart("estimate");
      string(g, "name", e.name());
      string(g, "type", e.type() == null ? null : e.type().name());
      string(g, "namespace", e.namespace());
      if (e.rowEstimate() != null) {
        g.writeNumberField("row_estimate", e.rowEstimate());
      }
      if (e.byteEstimate() != null) {
        g.writeNumberField("byte_estimate", e.byteEstimate());
      }
      g.writeEndObject();
    }
    if (t.streamStatus() != null) {
      g.writeObjectFieldStart("stream_status");
      descriptor(g, "stream_descriptor", t.streamStatus().streamDescriptor());
      string(g, "status", t.streamStatus().status() == null ? null : t.streamStatus().status().name());
      g.writeEndObject();
    }
    if (t.analytics() != null) {
      g.writeObjectFieldStart("analytics");
      string(g, "type", t.analytics().type());
      string(g, "value", t.analytics().value());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void state(JsonGenerator g, AirbyteStateMessage s) throws IOException {
    g.writeObjectFieldStart("state");
    string(g, "type", s.type() == null ? null : s.type().name());
    if (s.stream() != null) {
      g.writeFieldName("stream");
      streamState(g, s.stream());
    }
    if (s.global() != null) {
      g.writeObjectFieldStart("global");
      tree(g, "shared_state", s.global().sharedState());
      g.writeArrayFieldStart("stream_states");
      for (StreamState each : s.global().streamStates()) {
        streamState(g, each);
      }
      g.writeEndArray();
      extra(g, s.global().additionalProperties());
      g.writeEndObject();
    }
    tree(g, "data", s.data());
    stats(g, "sourceStats", s.sourceStats());
    stats(g, "destinationStats", s.destinationStats());
    extra(g, s.additionalProperties());
    g.writeEndObject();
  }

  private static void streamState(JsonGenerator g, StreamState s) throws IOException {
    g.writeStartObject();
    descriptor(g, "stream_descriptor", s.streamDescriptor());
    tree(g, "stream_state", s.streamState());
    extra(g, s.additionalProperties());
    g.writeEndObject();
  }

  private static void stats(JsonGenerator g, String name, StateStats s) throws IOException {
    if (s == null) {
      return;
    }
    g.writeObjectFieldStart(name);
    if (s.recordCount() != null) {
      g.writeNumberField("recordCount", s.recordCount());
    }
    if (s.rejectedRecordCount() != null) {
      g.writeNumberField("rejectedRecordCount", s.rejectedRecordCount());
    }
    extra(g, s.additionalProperties());
    g.writeEndObject();
  }

  private static void descriptor(JsonGenerator g, String name, StreamDescriptor d) throws IOException {
    if (d == null) {
      return;
    }
    g.writeObjectFieldStart(name);
    string(g, "name", d.name());
    string(g, "namespace", d.namespace());
    extra(g, d.additionalProperties());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  private static void tree(JsonGenerator g, String name, JsonNode value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      tree(g, value);
    }
  }

  /** A tree as data binding writes it (a node of a kind only data binding knows goes through it). */
  private static void tree(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          g.writeFieldName(e.getKey());
          tree(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode each : n) {
          tree(g, each);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> {
        switch (n.numberType()) {
          case INT -> g.writeNumber(n.intValue());
          case LONG -> g.writeNumber(n.longValue());
          case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
          case FLOAT -> g.writeNumber(n.floatValue());
          case DOUBLE -> g.writeNumber(n.doubleValue());
          default -> g.writeNumber(n.decimalValue());
        }
      }
      default -> Json.mapper().writeTree(g, n); // binary and POJO nodes
    }
  }
}
