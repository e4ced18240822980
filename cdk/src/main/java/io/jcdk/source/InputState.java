package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteStateMessage.StateType;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The state a sync starts from, as {@code --state} gave it: an array of STREAM states, an array
 * holding one GLOBAL state, or (old platforms) a bare LEGACY object.
 */
public final class InputState {

  private static final Logger LOG = Logger.getLogger(InputState.class.getName());

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

  /**
   * This state with each stream state under the configured stream it belongs to. A descriptor
   * without a namespace ({@code {"name": "users"}}, as Airbyte's connector acceptance tests send
   * it) belongs to the configured stream of that name when exactly one has it. Several candidates,
   * or none, are a warning naming the state: the stream is then read as if it had no state, which
   * a person must hear about, since it means reading everything again.
   */
  public InputState forCatalog(ConfiguredAirbyteCatalog catalog) {
    Set<StreamDescriptor> configured = new LinkedHashSet<>();
    catalog.streams().forEach(s -> configured.add(s.descriptor()));
    Map<StreamDescriptor, StreamDescriptor> moved = new HashMap<>();
    List<StreamDescriptor> unmatched = new ArrayList<>();
    for (StreamDescriptor d : streams.keySet()) {
      if (configured.contains(d)) {
        continue;
      }
      List<StreamDescriptor> candidates = d.namespace() != null ? List.of()
          : configured.stream().filter(c -> c.name().equals(d.name())).toList();
      if (candidates.size() == 1 && streams.containsKey(candidates.get(0))) {
        LOG.warning(() -> "The input state of stream '" + d + "' has no namespace and is ignored: the input also has"
            + " a state for '" + candidates.get(0) + "', which is used.");
      } else if (candidates.size() == 1) {
        moved.put(d, candidates.get(0));
        LOG.info(() -> "The input state of stream '" + d + "' has no namespace; it is the state of '"
            + candidates.get(0) + "', the only configured stream of that name.");
      } else if (candidates.size() > 1) {
        LOG.warning(() -> "The input state of stream '" + d + "' has no namespace, and the catalog has several streams"
            + " of that name (" + join(candidates) + "); it is ignored, so they are read as if they had no state."
            + " Give the state's stream_descriptor the namespace of its stream.");
      } else {
        unmatched.add(d);
      }
    }
    if (!unmatched.isEmpty()) {
      LOG.warning(() -> "The input states of " + join(unmatched) + " match no stream of the catalog and are ignored;"
          + " a configured stream whose state was saved under another name or namespace is read as if it had no"
          + " state.");
    }
    if (moved.isEmpty()) {
      return this;
    }
    Map<StreamDescriptor, JsonNode> matched = new LinkedHashMap<>();
    streams.forEach((d, s) -> matched.putIfAbsent(moved.getOrDefault(d, d), s));
    GlobalState matchedGlobal = global == null ? null : new GlobalState(global.sharedState(),
        global.streamStates().stream().map(s -> moved.containsKey(s.streamDescriptor())
            ? new StreamState(moved.get(s.streamDescriptor()), s.streamState(), s.additionalProperties()) : s).toList(),
        global.additionalProperties());
    return new InputState(Map.copyOf(matched), matchedGlobal, legacy);
  }

  private static String join(List<StreamDescriptor> streams) {
    return streams.stream().map(d -> "'" + d + "'").collect(Collectors.joining(", "));
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
