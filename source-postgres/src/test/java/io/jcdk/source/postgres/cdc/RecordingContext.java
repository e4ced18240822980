package io.jcdk.source.postgres.cdc;

import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.GlobalEmitter;
import io.jcdk.source.InputState;
import io.jcdk.source.ReadContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReadContext} for CDC tests: hands the reader the prior state, records what it emits,
 * checkpoints every {@code checkpointEvery} records, and can "crash" (throw) at a chosen record to
 * play a connector killed mid-sync.
 */
final class RecordingContext implements ReadContext {

  record Emitted(StreamDescriptor stream, RawJson data, Meta meta) {}

  /** Thrown at the crash point, like a kill: no final state follows. */
  static final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash");
    }
  }

  private final GlobalState prior;
  private final long checkpointEvery;
  private final long crashAt;
  final List<Emitted> records = new ArrayList<>();
  final List<GlobalState> states = new ArrayList<>();
  /** For each state in {@link #states}, how many records were emitted before it. */
  final List<Integer> recordsBeforeState = new ArrayList<>();
  GlobalState finalState;

  RecordingContext(GlobalState prior, long checkpointEvery, long crashAt) {
    this.prior = prior;
    this.checkpointEvery = checkpointEvery;
    this.crashAt = crashAt;
  }

  RecordingContext(GlobalState prior) {
    this(prior, 10_000, Long.MAX_VALUE);
  }

  /** The last state emitted (checkpoint or final): what the platform would pass to the next sync. */
  GlobalState lastState() {
    // States travel as JSON between syncs; round-trip so nothing depends on object identity.
    GlobalState last = finalState != null ? finalState : states.isEmpty() ? null : states.get(states.size() - 1);
    return last == null ? null : Json.mapper().convertValue(Json.mapper().valueToTree(last), GlobalState.class);
  }

  /** The records the last state covers: what a destination committed before the crash. */
  List<Emitted> recordsBeforeLastState() {
    return states.isEmpty() ? List.of() : records.subList(0, recordsBeforeState.get(recordsBeforeState.size() - 1));
  }

  List<String> rows(String table) {
    return records.stream().filter(r -> r.stream().name().equals(table)).map(r -> r.data().toString()).toList();
  }

  @Override
  public ConfiguredAirbyteCatalog catalog() {
    throw new UnsupportedOperationException();
  }

  @Override
  public InputState state() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void readStreams(StreamReader reader) {
    throw new UnsupportedOperationException("CDC reads streams globally");
  }

  @Override
  public void readGlobal(List<ConfiguredAirbyteStream> streams, GlobalReader reader) {
    finalState = reader.read(prior, new GlobalEmitter() {
      private long sinceCheckpoint;

      @Override
      public void emit(StreamDescriptor stream, RawJson data, Meta meta) {
        if (streams.stream().noneMatch(s -> s.descriptor().equals(stream))) {
          throw new IllegalStateException("record of a stream not being read: " + stream);
        }
        records.add(new Emitted(stream, data, meta));
        sinceCheckpoint++;
        if (records.size() >= crashAt) {
          throw new Crash();
        }
      }

      @Override
      public boolean checkpointDue() {
        return sinceCheckpoint >= checkpointEvery;
      }

      @Override
      public void checkpoint(GlobalState state) {
        states.add(state);
        recordsBeforeState.add(records.size());
        sinceCheckpoint = 0;
      }
    });
  }
}
