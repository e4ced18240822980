package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteStateMessage.StateType;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.StreamDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state a sync starts from, as {@code --state} gave it: an array of STREAM states, an array
 * holding one GLOBAL state, or (old platforms) a bare LEGACY object.
 */
public final class InputState {

  private static final InputState EMPTY = new InputState(Map.of(), null, null);

  private final Map<StreamDescriptor, JsonNode> streams;
  private final GlobalState global;
  private final JsonNode legacy;

  private InputState(Map<StreamDescriptor, JsonNode> streams, GlobalState global, JsonNode legacy) {
    this.streams = streams;
    this.global = global;
    this.legacy = legacy;
  }

  public static InputState empty() {
    return EMPTY;
  }

  public static InputState legacy(JsonNode data) {
    return new InputState(Map.of(), null, data);
  }

  /** From state messages; the last state of a stream wins, as it would on the platform. */
  public static InputState of(List<AirbyteStateMessage> messages) {
    Map<StreamDescriptor, JsonNode> streams = new LinkedHashMap<>();
    GlobalState global = null;
    JsonNode legacy = null;
    for (AirbyteStateMessage m : messages) {
      StateType type = m.effectiveType();
      switch (type) {
        case STREAM -> {
          if (m.stream() == null || m.stream().streamDescriptor() == null) {
            throw new IllegalArgumentException("a STREAM state needs stream.stream_descriptor");
          }
          streams.put(m.stream().streamDescriptor(), m.stream().streamState());
        }
        case GLOBAL -> {
          if (m.global() == null) {
            throw new IllegalArgumentException("a GLOBAL state needs a 'global' object");
          }
          global = m.global();
          for (StreamState s : global.streamStates()) {
            streams.put(s.streamDescriptor(), s.streamState());
          }
        }
        case LEGACY -> legacy = m.data();
      }
    }
    return new InputState(Map.copyOf(streams), global, legacy);
  }

  public boolean isEmpty() {
    return streams.isEmpty() && global == null && legacy == null;
  }

  /** The stream's own state (from a STREAM state or from the GLOBAL state's stream_states). */
  public Optional<JsonNode> stream(StreamDescriptor descriptor) {
    return Optional.ofNullable(streams.get(descriptor)).filter(n -> !n.isNull());
  }

  public Optional<GlobalState> global() {
    return Optional.ofNullable(global);
  }

  /** The LEGACY blob, for sources migrating old state; the kit never emits LEGACY. */
  public Optional<JsonNode> legacy() {
    return Optional.ofNullable(legacy);
  }
}
