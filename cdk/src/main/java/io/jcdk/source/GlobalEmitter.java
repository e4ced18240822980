package io.jcdk.source;

import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.RawJson;

/** Emits records of many streams under one GLOBAL state (change data capture). */
public interface GlobalEmitter {

  /** Emits a record of {@code stream}, which must be one of the streams being read. */
  void emit(StreamDescriptor stream, RawJson data, Meta meta);

  default void emit(StreamDescriptor stream, RawJson data) {
    emit(stream, data, null);
  }

  boolean checkpointDue();

  /** Emits a GLOBAL state now, with {@code sourceStats.recordCount} = records since the last state. */
  void checkpoint(GlobalState state);
}
