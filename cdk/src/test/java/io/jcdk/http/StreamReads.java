package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.InputState;
import io.jcdk.source.SourceRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads one HTTP stream through the source framework (states, checkpoints) and keeps every line written. */
final class StreamReads {

  /** What one read wrote, and what it threw (null when it succeeded). */
  record Output(List<String> lines, List<AirbyteMessage> messages, RuntimeException failure) {

    List<JsonNode> records() {
      return messages.stream().filter(m -> m.type() == AirbyteMessage.Type.RECORD).map(m -> m.record().data().tree()).toList();
    }

    List<Integer> ids() {
      return records().stream().map(r -> r.path("id").asInt()).toList();
    }

    /** The stream states, each with the index of the line it is on. */
    List<Integer> stateLines() {
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i).type() == AirbyteMessage.Type.STATE) {
          at.add(i);
        }
      }
      return at;
    }

    JsonNode stateAt(int line) {
      return messages.get(line).state().stream().streamState();
    }

    /** Ids of the records before line {@code line}. */
    List<Integer> idsBefore(int line) {
      return messages.subList(0, line).stream().filter(m -> m.type() == AirbyteMessage.Type.RECORD)
          .map(m -> m.record().data().tree().path("id").asInt()).toList();
    }
  }

  private StreamReads() {}

  static Output read(HttpRequester api, HttpStream stream) {
    return read(api, stream, SyncMode.FULL_REFRESH, null, 1_000_000);
  }

  static Output read(HttpRequester api, HttpStream stream, SyncMode mode, JsonNode prior, long checkpointEvery) {
    ConfiguredAirbyteStream configured = ConfiguredAirbyteStream.of(stream.airbyteStream(), mode, DestinationSyncMode.APPEND);
    InputState state = prior == null ? InputState.empty()
        : InputState.of(List.of(AirbyteStateMessage.ofStream(configured.descriptor(), prior)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RuntimeException failure = null;
    try (MessageWriter writer = new MessageWriter(out)) {
      new SourceRun(ConfiguredAirbyteCatalog.of(List.of(configured)), state,
          new CheckpointPolicy(checkpointEvery, Duration.ofHours(1)), writer)
          .read(ctx -> HttpStreams.of(stream).read(api, ctx));
    } catch (RuntimeException e) {
      failure = e;
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<AirbyteMessage> messages = new ArrayList<>();
    for (String line : lines) {
      try {
        messages.add(Json.mapper().readValue(line, AirbyteMessage.class));
      } catch (IOException e) {
        throw new UncheckedIOException("not one protocol message per line: " + line, e);
      }
    }
    return new Output(lines, messages, failure);
  }
}
