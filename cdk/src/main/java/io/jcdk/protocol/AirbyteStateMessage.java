package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint. Connectors emit STREAM or GLOBAL states; LEGACY ({@code data} without a type) is
 * read for old platforms' sake but never emitted by the kit.
 */
public record AirbyteStateMessage(
    StateType type,
    StreamState stream,
    GlobalState global,
    JsonNode data,
    StateStats sourceStats,
    StateStats destinationStats,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteStateMessage {
    additionalProperties = Props.extra(additionalProperties);
  }

  /**
   * The state a state-message tree holds: what data binding reads from it, without data binding
   * (unknown fields kept as trees); an {@link IllegalArgumentException} names the field that has the
   * wrong shape, below {@code at} ({@code ""} for a document's top).
   */
  public static AirbyteStateMessage fromTree(JsonNode tree, String at) {
    return StateTree.state(tree, at);
  }

  public static AirbyteStateMessage ofStream(StreamDescriptor descriptor, JsonNode streamState) {
    return new AirbyteStateMessage(
        StateType.STREAM, new StreamState(descriptor, streamState, null), null, null, null, null, null);
  }

  public static AirbyteStateMessage ofGlobal(JsonNode sharedState, List<StreamState> streamStates) {
    return new AirbyteStateMessage(
        StateType.GLOBAL, null, new GlobalState(sharedState, streamStates, null), null, null, null, null);
  }

  /** The type the platform should assume: a missing type means LEGACY. */
  public StateType effectiveType() {
    return type == null ? StateType.LEGACY : type;
  }

  public AirbyteStateMessage withSourceStats(double recordCount) {
    return new AirbyteStateMessage(
        type, stream, global, data, StateStats.of(recordCount), destinationStats, additionalProperties);
  }

  public AirbyteStateMessage withDestinationStats(double recordCount) {
    return new AirbyteStateMessage(
        type, stream, global, data, sourceStats, StateStats.of(recordCount), additionalProperties);
  }

  public enum StateType {
    GLOBAL,
    STREAM,
    LEGACY
  }

  public record StreamState(
      @JsonProperty("stream_descriptor") StreamDescriptor streamDescriptor,
      @JsonProperty("stream_state") JsonNode streamState,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public StreamState {
      additionalProperties = Props.extra(additionalProperties);
    }

    public static StreamState of(StreamDescriptor descriptor, JsonNode state) {
      return new StreamState(descriptor, state, null);
    }
  }

  public record GlobalState(
      @JsonProperty("shared_state") JsonNode sharedState,
      @JsonProperty("stream_states") List<StreamState> streamStates,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public GlobalState {
      streamStates = streamStates == null ? List.of() : List.copyOf(streamStates);
      additionalProperties = Props.extra(additionalProperties);
    }
  }

  public record StateStats(
      Double recordCount,
      Double rejectedRecordCount,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public StateStats {
      additionalProperties = Props.extra(additionalProperties);
    }

    public static StateStats of(double recordCount) {
      return new StateStats(recordCount, null, null);
    }
  }
}
