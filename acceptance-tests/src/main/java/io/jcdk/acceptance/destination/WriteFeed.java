package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.acceptance.run.ConnectorRunner.StdinFeed;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatusType;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages a destination test sends, built the way a platform relays a source: records,
 * STREAM states with {@code sourceStats} (the records of that stream since its last state), and a
 * COMPLETE stream status per stream at the end. Remembers what it sent, for the checks.
 */
final class WriteFeed implements StdinFeed {

  private static final long EMITTED_AT = 1_700_000_000_000L;

  private final List<byte[]> lines = new ArrayList<>();
  private final List<SentState> states = new ArrayList<>();
  private final Map<StreamDescriptor, List<JsonNode>> records = new HashMap<>();
  private final Map<StreamDescriptor, Long> sinceState = new HashMap<>();
  private final Set<StreamDescriptor> streams = new LinkedHashSet<>();
  private int checkpoints;

  /** A state the feed sent: where it was (after how many messages) and how many records it covers. */
  record SentState(AirbyteStateMessage state, int position, long recordCount) {}

  WriteFeed record(StreamDescriptor stream, JsonNode data) {
    streams.add(stream);
    records.computeIfAbsent(stream, k -> new ArrayList<>()).add(data);
    sinceState.merge(stream, 1L, Long::sum);
    AirbyteRecordMessage r = AirbyteRecordMessage.of(stream, RawJson.of(data), EMITTED_AT);
    add(AirbyteMessage.of(r));
    return this;
  }

  /** A STREAM state whose stream_state is {"checkpoint": n}, unique within the feed. */
  WriteFeed state(StreamDescriptor stream) {
    streams.add(stream);
    ObjectNode streamState = Json.object().put("checkpoint", ++checkpoints);
    long count = sinceState.getOrDefault(stream, 0L);
    sinceState.put(stream, 0L);
    AirbyteStateMessage state = AirbyteStateMessage.ofStream(stream, streamState).withSourceStats(count);
    states.add(new SentState(state, lines.size(), count));
    add(AirbyteMessage.of(state));
    return this;
  }

  /** COMPLETE statuses for every stream sent so far: the source finished them. */
  WriteFeed complete() {
    for (StreamDescriptor s : streams) {
      add(AirbyteMessage.of(AirbyteTraceMessage.ofStreamStatus(s, StreamStatusType.COMPLETE)));
    }
    return this;
  }

  List<SentState> states() {
    return List.copyOf(states);
  }

  Map<StreamDescriptor, List<JsonNode>> records() {
    return records;
  }

  List<JsonNode> records(StreamDescriptor stream) {
    return records.getOrDefault(stream, List.of());
  }

  /** The number of messages in the feed so far. */
  int size() {
    return lines.size();
  }

  /** The messages from {@code from} up to (excluding) {@code to}: to send part of the feed, then wait. */
  void writeRange(OutputStream out, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      out.write(lines.get(i));
    }
    out.flush();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    writeRange(out, 0, lines.size());
  }

  private void add(AirbyteMessage message) {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      Json.mapper().writeValue(line, message);
      line.write('\n');
      lines.add(line.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
