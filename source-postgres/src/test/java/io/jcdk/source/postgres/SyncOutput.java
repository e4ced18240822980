package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.InputState;
import io.jcdk.source.ReadContext;
import io.jcdk.source.SourceRun;
import io.jcdk.source.StreamEmitter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one {@code read} of {@link PostgresSource}, run in-process through the kit's real
 * {@link SourceRun} and parsed back from the bytes it wrote.
 */
record SyncOutput(List<AirbyteMessage> messages, RuntimeException failure) {

  /** Stops a read after a number of records, as a killed connector would. */
  static final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash");
    }
  }

  static SyncOutput read(PostgresConfig config, ConfiguredAirbyteCatalog catalog, List<AirbyteStateMessage> state,
      CheckpointPolicy policy) {
    return read(config, catalog, state, policy, Long.MAX_VALUE);
  }

  /** Reads, throwing {@link Crash} when a stream emits its {@code crashAfter + 1}-th record. */
  static SyncOutput read(PostgresConfig config, ConfiguredAirbyteCatalog catalog, List<AirbyteStateMessage> state,
      CheckpointPolicy policy, long crashAfter) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RuntimeException failure = null;
    try (MessageWriter out = new MessageWriter(bytes)) {
      SourceRun run = new SourceRun(catalog, state.isEmpty() ? InputState.empty() : InputState.of(state), policy, out);
      try {
        run.read(ctx -> new PostgresSource().read(config, crashing(ctx, crashAfter)));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    List<AirbyteMessage> messages = new ArrayList<>();
    try {
      MessageReader reader = new MessageReader(new ByteArrayInputStream(bytes.toByteArray()));
      for (AirbyteMessage m = reader.next(); m != null; m = reader.next()) {
        messages.add(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SyncOutput(messages, failure);
  }

  private static ReadContext crashing(ReadContext inner, long crashAfter) {
    if (crashAfter == Long.MAX_VALUE) {
      return inner;
    }
    return new ReadContext() {
      @Override
      public io.jcdk.protocol.ConfiguredAirbyteCatalog catalog() {
        return inner.catalog();
      }

      @Override
      public InputState state() {
        return inner.state();
      }

      @Override
      public void readStreams(StreamReader reader) {
        inner.readStreams((stream, prior, emitter) -> reader.read(stream, prior, new StreamEmitter() {
          long emitted;

          @Override
          public io.jcdk.protocol.ConfiguredAirbyteStream stream() {
            return emitter.stream();
          }

          @Override
          public void emit(io.jcdk.protocol.RawJson data) {
            emit(data, null);
          }

          @Override
          public void emit(io.jcdk.protocol.RawJson data, io.jcdk.protocol.AirbyteRecordMessage.Meta meta) {
            if (emitted++ >= crashAfter) {
              throw new Crash();
            }
            emitter.emit(data, meta);
          }

          @Override
          public boolean checkpointDue() {
            return emitter.checkpointDue();
          }

          @Override
          public void checkpoint(JsonNode streamState) {
            emitter.checkpoint(streamState);
          }
        }));
      }

      @Override
      public void readGlobal(List<io.jcdk.protocol.ConfiguredAirbyteStream> streams, GlobalReader reader) {
        inner.readGlobal(streams, reader);
      }
    };
  }

  /** The data of every record of stream {@code name}, in order. */
  List<JsonNode> records(String name) {
    return messages.stream()
        .filter(m -> m.type() == AirbyteMessage.Type.RECORD && m.record().stream().equals(name))
        .map(m -> m.record().data().tree())
        .toList();
  }

  List<AirbyteStateMessage> states() {
    return messages.stream().filter(m -> m.type() == AirbyteMessage.Type.STATE).map(AirbyteMessage::state).toList();
  }

  /** The stream state of the last STATE message. */
  JsonNode lastStreamState() {
    List<AirbyteStateMessage> states = states();
    return states.isEmpty() ? null : states.get(states.size() - 1).stream().streamState();
  }

  List<AirbyteTraceMessage> traces() {
    return messages.stream().filter(m -> m.type() == AirbyteMessage.Type.TRACE).map(AirbyteMessage::trace).toList();
  }

  SyncOutput assertSucceeded() {
    if (failure != null) {
      throw new AssertionError("the read failed", failure);
    }
    return this;
  }
}
