package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatusType;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link ReadContext} of one {@code read}: the input state matched to the catalog's streams
 * ({@link InputState#forCatalog}), stream status, checkpoints with counts, and the rule that a
 * failed stream gets no further state.
 */
public final class SourceRun implements ReadContext {

  private final ConfiguredAirbyteCatalog catalog;
  private final InputState state;
  private final CheckpointPolicy policy;
  private final MessageWriter out;

  public SourceRun(ConfiguredAirbyteCatalog catalog, InputState state, CheckpointPolicy policy, MessageWriter out) {
    this.catalog = catalog;
    this.state = state.forCatalog(catalog);
    this.policy = policy;
    this.out = out;
  }

  /** Runs the source's read; the streams it left open become INCOMPLETE if it throws. */
  public void read(Consumer<ReadContext> body) {
    body.accept(this);
    out.flush();
  }

  @Override
  public ConfiguredAirbyteCatalog catalog() {
    return catalog;
  }

  @Override
  public InputState state() {
    return state;
  }

  @Override
  public void readStreams(StreamReader reader) {
    RuntimeException first = null;
    for (ConfiguredAirbyteStream stream : catalog.streams()) {
      StreamDescriptor d = stream.descriptor();
      status(d, StreamStatusType.STARTED);
      Emitter emitter = new Emitter(stream);
      try {
        JsonNode finalState = reader.read(stream, state.stream(d).orElse(null), emitter);
        emitter.checkpoint(finalState == null ? Json.object() : finalState);
        status(d, StreamStatusType.COMPLETE);
      } catch (RuntimeException e) {
        status(d, StreamStatusType.INCOMPLETE);
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void readGlobal(List<ConfiguredAirbyteStream> streams, GlobalReader reader) {
    for (ConfiguredAirbyteStream s : streams) {
      status(s.descriptor(), StreamStatusType.STARTED);
    }
    GlobalRun run = new GlobalRun(streams);
    try {
      GlobalState finalState = reader.read(state.global().orElse(null), run);
      run.checkpoint(finalState);
    } catch (RuntimeException e) {
      for (ConfiguredAirbyteStream s : streams) {
        status(s.descriptor(), StreamStatusType.INCOMPLETE);
      }
      throw e;
    }
    for (ConfiguredAirbyteStream s : streams) {
      status(s.descriptor(), StreamStatusType.COMPLETE);
    }
  }

  private void status(StreamDescriptor stream, StreamStatusType status) {
    out.write(AirbyteMessage.of(AirbyteTraceMessage.ofStreamStatus(stream, status)));
  }

  /** Counts since the last state and time since the last state, per the policy. */
  private abstract class Checkpoints {
    final RecordClock clock = new RecordClock();
    final long everyNanos = policy.every().toNanos();
    long sinceState;
    long lastStateNanos = clock.nanos();

    public boolean checkpointDue() {
      return sinceState >= policy.everyRecords() || clock.nanos() - lastStateNanos >= everyNanos;
    }

    void emitRecord(StreamDescriptor stream, RawJson data, Meta meta) {
      out.write(new AirbyteRecordMessage(stream.namespace(), stream.name(), data, clock.recordMillis(), meta,
          null, null));
      sinceState++;
    }

    void emitState(AirbyteStateMessage message) {
      out.write(AirbyteMessage.of(message.withSourceStats(sinceState)));
      sinceState = 0;
      lastStateNanos = clock.nanos();
    }
  }

  private final class Emitter extends Checkpoints implements StreamEmitter {
    private final ConfiguredAirbyteStream stream;
    private final StreamDescriptor descriptor;
    private boolean running;

    Emitter(ConfiguredAirbyteStream stream) {
      this.stream = stream;
      this.descriptor = stream.descriptor();
    }

    @Override
    public ConfiguredAirbyteStream stream() {
      return stream;
    }

    @Override
    public void emit(RawJson data) {
      emit(data, null);
    }

    @Override
    public void emit(RawJson data, Meta meta) {
      if (!running) {
        running = true;
        status(descriptor, StreamStatusType.RUNNING);
      }
      emitRecord(descriptor, data, meta);
    }

    @Override
    public void checkpoint(JsonNode streamState) {
      emitState(AirbyteStateMessage.ofStream(descriptor, streamState));
    }
  }

  private final class GlobalRun extends Checkpoints implements GlobalEmitter {
    private final Set<StreamDescriptor> streams = new HashSet<>();
    private final Set<StreamDescriptor> running = new HashSet<>();

    GlobalRun(List<ConfiguredAirbyteStream> configured) {
      configured.forEach(s -> streams.add(s.descriptor()));
    }

    @Override
    public void emit(StreamDescriptor stream, RawJson data, Meta meta) {
      if (!streams.contains(stream)) {
        throw ConnectorException.system("The source emitted a record for stream '" + stream
            + "', which is not among the streams being read: " + streams, null);
      }
      if (running.add(stream)) {
        status(stream, StreamStatusType.RUNNING);
      }
      emitRecord(stream, data, meta);
    }

    @Override
    public void checkpoint(GlobalState state) {
      if (state == null) {
        throw ConnectorException.system("A global checkpoint needs a state; got null", null);
      }
      emitState(new AirbyteStateMessage(AirbyteStateMessage.StateType.GLOBAL, null, state, null, null, null, null));
    }
  }
}
