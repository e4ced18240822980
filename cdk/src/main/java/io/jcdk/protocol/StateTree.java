package io.jcdk.protocol;

import static io.jcdk.protocol.TreeFields.decimal;
import static io.jcdk.protocol.TreeFields.field;
import static io.jcdk.protocol.TreeFields.list;
import static io.jcdk.protocol.TreeFields.object;
import static io.jcdk.protocol.TreeFields.oneOf;
import static io.jcdk.protocol.TreeFields.present;
import static io.jcdk.protocol.TreeFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteStateMessage.StateStats;
import io.jcdk.protocol.AirbyteStateMessage.StateType;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import java.util.Set;

/**
 * A state message read field by field from its tree: the value data binding gives (unknown fields
 * kept, as trees), without building its deserializers, which cost a destination 100 ms of its main
 * thread at the first STATE line and a source as much for its {@code --state} file. A field of the
 * wrong shape is an {@link IllegalArgumentException} naming it ({@code state.stream.stream_descriptor}).
 */
final class StateTree {

  private static final Set<String> MESSAGE_FIELDS = Set.of("type", "log", "spec", "connectionStatus", "catalog",
      "record", "state", "trace", "control", "destination_catalog");
  private static final Set<String> STATE_FIELDS =
      Set.of("type", "stream", "global", "data", "sourceStats", "destinationStats");
  private static final Set<String> STREAM_STATE_FIELDS = Set.of("stream_descriptor", "stream_state");
  private static final Set<String> GLOBAL_FIELDS = Set.of("shared_state", "stream_states");
  private static final Set<String> DESCRIPTOR_FIELDS = Set.of("name", "namespace");
  private static final Set<String> STATS_FIELDS = Set.of("recordCount", "rejectedRecordCount");

  private StateTree() {}

  /**
   * The STATE message {@code tree} holds, or null if it is not an object of type STATE carrying no
   * other payload (the caller leaves those to data binding). Its state may be missing: the caller
   * says so.
   */
  static AirbyteMessage message(JsonNode tree) {
    if (!tree.isObject() || !"STATE".equals(tree.path("type").textValue())) {
      return null;
    }
    for (String payload : MESSAGE_FIELDS) {
      if (!payload.equals("type") && !payload.equals("state") && tree.has(payload)) {
        return null;
      }
    }
    JsonNode state = tree.get("state");
    return new AirbyteMessage(AirbyteMessage.Type.STATE, null, null, null, null, null,
        present(state) ? state(state, "state") : null, null, null, null, Props.unknownFields(tree, MESSAGE_FIELDS));
  }

  static AirbyteStateMessage state(JsonNode t, String at) {
    object(t, at.isEmpty() ? "the state" : at);
    JsonNode stream = t.get("stream");
    JsonNode global = t.get("global");
    return new AirbyteStateMessage(oneOf(t.get("type"), field(at, "type"), StateType.values(), Enum::name),
        present(stream) ? streamState(stream, field(at, "stream")) : null,
        present(global) ? global(global, field(at, "global")) : null,
        t.get("data"), stats(t.get("sourceStats"), field(at, "sourceStats")),
        stats(t.get("destinationStats"), field(at, "destinationStats")), Props.unknownFields(t, STATE_FIELDS));
  }

  private static GlobalState global(JsonNode t, String at) {
    object(t, at);
    return new GlobalState(t.get("shared_state"),
        list(t.get("stream_states"), at + ".stream_states", "an array", StateTree::streamState),
        Props.unknownFields(t, GLOBAL_FIELDS));
  }

  private static StreamState streamState(JsonNode t, String at) {
    object(t, at);
    JsonNode descriptor = t.get("stream_descriptor");
    return new StreamState(present(descriptor) ? descriptor(descriptor, at + ".stream_descriptor") : null,
        t.get("stream_state"), Props.unknownFields(t, STREAM_STATE_FIELDS));
  }

  private static StreamDescriptor descriptor(JsonNode t, String at) {
    object(t, at);
    return new StreamDescriptor(text(t.get("name"), at + ".name"), text(t.get("namespace"), at + ".namespace"),
        Props.unknownFields(t, DESCRIPTOR_FIELDS));
  }

  private static StateStats stats(JsonNode t, String at) {
    if (!present(t)) {
      return null;
    }
    object(t, at);
    return new StateStats(decimal(t.get("recordCount"), at + ".recordCount"),
        decimal(t.get("rejectedRecordCount"), at + ".rejectedRecordCount"), Props.unknownFields(t, STATS_FIELDS));
  }
}
