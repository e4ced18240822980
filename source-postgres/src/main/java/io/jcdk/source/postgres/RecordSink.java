package io.jcdk.source.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.RawJson;
import io.jcdk.source.StreamEmitter;
import java.io.IOException;

/**
 * Where a table read sends records and checkpoints. Per-stream reads wrap their {@link
 * StreamEmitter} ({@link #of}); the CDC snapshot wraps its global emitter and folds each stream's
 * state into the global state.
 */
public interface RecordSink {

  void emit(RawJson data);

  /** True when a checkpoint is due (the checkpoint policy of the sync). */
  boolean checkpointDue();

  /** Emits the stream's state: resuming from it must not lose a row emitted before it. */
  void checkpoint(JsonNode streamState);

  static RecordSink of(StreamEmitter emitter) {
    return new RecordSink() {
      @Override
      public void emit(RawJson data) {
        emitter.emit(data);
      }

      @Override
      public boolean checkpointDue() {
        return emitter.checkpointDue();
      }

      @Override
      public void checkpoint(JsonNode streamState) {
        emitter.checkpoint(streamState);
      }
    };
  }

  /**
   * Fields written into every record after the table's columns (CDC's {@code _ab_cdc_lsn},
   * {@code _ab_cdc_updated_at}, {@code _ab_cdc_deleted_at} during the snapshot).
   */
  @FunctionalInterface
  interface ExtraFields {
    ExtraFields NONE = out -> {};

    void write(JsonGenerator out) throws IOException;
  }
}
