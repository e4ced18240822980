package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.RawJson;

/**
 * Emits one stream's records and checkpoints.
 *
 * <p>Checkpoint when {@link #checkpointDue()} says so, and only with a state that covers every
 * record emitted so far: resuming from it must not lose a row. {@link CursorTracker} builds such a
 * state for cursor-incremental reads.
 */
public interface StreamEmitter {

  ConfiguredAirbyteStream stream();

  /** Emits a record whose data is already serialized JSON (the fast path). */
  void emit(RawJson data);

  /** Emits a record with the changes made to it (fields nulled or truncated). */
  void emit(RawJson data, Meta meta);

  default void emit(ObjectNode data) {
    emit(RawJson.of(data));
  }

  /** True when the checkpoint policy asks for a state now (records or time since the last one). */
  boolean checkpointDue();

  /** Emits a STREAM state now, with {@code sourceStats.recordCount} = records since the last state. */
  void checkpoint(JsonNode streamState);
}
