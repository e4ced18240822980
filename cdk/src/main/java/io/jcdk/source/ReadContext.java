package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import java.util.List;

/**
 * What a source reads with: the catalog, the input state, and the emitters. An emitter belongs to
 * one thread at a time; the output underneath is synchronized, so emitters of different streams
 * may run on different threads.
 */
public interface ReadContext {

  ConfiguredAirbyteCatalog catalog();

  /** The state passed with {@code --state}, empty on a first sync. */
  InputState state();

  /**
   * Reads each stream of the catalog in turn with {@code reader}. For each stream: STARTED, then
   * the reader runs (RUNNING at its first record), then its returned state is emitted as the final
   * STREAM state and the stream is COMPLETE. A stream whose reader throws is INCOMPLETE, gets no
   * further state, and the next stream still runs; after the last stream the first failure is
   * rethrown.
   */
  void readStreams(StreamReader reader);

  /**
   * Reads {@code streams} together under one GLOBAL state (change data capture). All are STARTED
   * first; the returned global state is emitted last, and all are COMPLETE. On an exception all
   * are INCOMPLETE and nothing further is emitted.
   */
  void readGlobal(List<ConfiguredAirbyteStream> streams, GlobalReader reader);

  /** Reads one stream; returns its final state (null for none). */
  @FunctionalInterface
  interface StreamReader {
    JsonNode read(ConfiguredAirbyteStream stream, JsonNode priorState, StreamEmitter emitter);
  }

  /** Reads several streams under one global state; returns the final global state. */
  @FunctionalInterface
  interface GlobalReader {
    GlobalState read(GlobalState priorState, GlobalEmitter emitter);
  }
}
