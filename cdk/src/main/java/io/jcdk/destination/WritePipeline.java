package io.jcdk.destination;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatus;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.StreamDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * stdin → per-stream buffers → {@link Loader#write} → {@link Loader#commit} → echo the states whose
 * records are all committed → stdout.
 *
 * <p>The invariant: a STATE is written only after every record that arrived before it has been
 * written and committed. States are echoed in input order, each with {@code destinationStats}: the
 * records of its stream (STREAM) or of all streams (GLOBAL) since the previous such state. If
 * anything throws, no further state is echoed.
 *
 * <p>Streams are completed ({@link Loader#streamComplete}) when their COMPLETE status arrives. Input
 * without any stream status (an older source, a file piped by hand) completes every stream when it
 * ends cleanly; input that carries statuses completes only the streams reported COMPLETE.
 */
public final class WritePipeline {

  /** Bytes counted per buffered record beyond its data: the record object, strings, list slot. */
  private static final int RECORD_OVERHEAD = 96;

  private final Loader loader;
  private final BufferPolicy policy;
  private final MessageWriter out;
  private final Map<StreamDescriptor, Buffer> buffers = new LinkedHashMap<>();
  private long bufferedBytes;
  private long recordsSinceGlobalState;
  private long seen;
  private Buffer lastBuffer;
  private boolean sawStreamStatus;

  public WritePipeline(Loader loader, ConfiguredAirbyteCatalog catalog, BufferPolicy policy, MessageWriter out) {
    this.loader = loader;
    this.policy = policy;
    this.out = out;
    for (ConfiguredAirbyteStream s : catalog.streams()) {
      buffers.put(s.descriptor(), new Buffer(s));
    }
  }

  /** Consumes the input to its end, then completes the streams that did not fail. */
  public void run(MessageReader in) {
    try {
      AirbyteMessage m;
      while ((m = in.next()) != null) {
        switch (m.type()) {
          case RECORD -> onRecord(m.record(), in.lineNumber());
          case STATE -> onState(m.state(), in.lineNumber());
          case TRACE -> onTrace(m.trace());
          default -> { } // LOG, CONTROL and the rest are the platform's business, not the destination's
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
    }
    flushAll();
    loader.commit();
    if (sawStreamStatus) {
      // The source reports status, so a stream it did not call COMPLETE is not complete: a partial
      // overwrite must never be published just because the input ended.
      out.flush();
      return;
    }
    for (Buffer b : buffers.values()) {
      if (!b.finished) {
        b.finished = true;
        loader.streamComplete(b.stream);
      }
    }
    out.flush();
  }

  private void onRecord(AirbyteRecordMessage record, long line) {
    Buffer b = bufferOf(record);
    if (b == null) {
      throw ConnectorException.config("Line " + line + ": a record for stream '" + record.descriptor()
          + "', which is not in the configured catalog " + buffers.keySet()
          + ". Add the stream to the catalog or stop sending it.");
    }
    long size = record.data().size() + RECORD_OVERHEAD;
    if (b.records.isEmpty()) {
      b.firstNanos = System.nanoTime();
    }
    b.records.add(record);
    b.bytes += size;
    b.sinceState++;
    recordsSinceGlobalState++;
    bufferedBytes += size;
    if (b.bytes >= policy.batchBytes()) {
      flush(b);
    }
    if (bufferedBytes > policy.memoryBudgetBytes()) {
      flush(largest());
    }
    if ((++seen & 1023) == 0) {
      flushOld();
    }
  }

  /** Most inputs run long stretches of one stream: skip the map lookup while the stream repeats. */
  private Buffer bufferOf(AirbyteRecordMessage record) {
    Buffer last = lastBuffer;
    if (last != null && last.name.equals(record.stream()) && java.util.Objects.equals(last.namespace, record.namespace())) {
      return last;
    }
    Buffer b = buffers.get(record.descriptor());
    lastBuffer = b;
    return b;
  }

  private void onState(AirbyteStateMessage state, long line) {
    flushAll();
    loader.commit();
    switch (state.effectiveType()) {
      case STREAM -> {
        StreamDescriptor d = state.stream() == null ? null : state.stream().streamDescriptor();
        Buffer b = d == null ? null : buffers.get(d);
        long count = b == null ? 0 : b.sinceState;
        if (b != null) {
          b.sinceState = 0;
        }
        recordsSinceGlobalState -= count;
        out.write(AirbyteMessage.of(state.withDestinationStats(count)));
      }
      case GLOBAL -> {
        out.write(AirbyteMessage.of(state.withDestinationStats(recordsSinceGlobalState)));
        recordsSinceGlobalState = 0;
        buffers.values().forEach(b -> b.sinceState = 0);
      }
      case LEGACY -> throw ConnectorException.config("Line " + line
          + ": a LEGACY state (no type, only 'data'); this destination confirms STREAM and GLOBAL states"
          + " only. Upgrade the source to per-stream or global state.");
    }
  }

  private void onTrace(AirbyteTraceMessage trace) {
    StreamStatus status = trace.streamStatus();
    if (trace.type() != AirbyteTraceMessage.Type.STREAM_STATUS || status == null) {
      return;
    }
    sawStreamStatus = true;
    Buffer b = buffers.get(status.streamDescriptor());
    if (b == null || b.finished) {
      return;
    }
    switch (status.status()) {
      case COMPLETE -> {
        flush(b);
        loader.commit();
        b.finished = true;
        loader.streamComplete(b.stream);
      }
      case INCOMPLETE -> {
        flush(b);
        loader.commit();
        b.finished = true;
        loader.streamIncomplete(b.stream);
      }
      default -> { }
    }
  }

  private void flushAll() {
    for (Buffer b : buffers.values()) {
      flush(b);
    }
  }

  private void flushOld() {
    long now = System.nanoTime();
    for (Buffer b : buffers.values()) {
      if (!b.records.isEmpty() && now - b.firstNanos >= policy.maxAge().toNanos()) {
        flush(b);
      }
    }
  }

  private Buffer largest() {
    Buffer max = null;
    for (Buffer b : buffers.values()) {
      if (max == null || b.bytes > max.bytes) {
        max = b;
      }
    }
    return max;
  }

  private void flush(Buffer b) {
    if (b.records.isEmpty()) {
      return;
    }
    List<AirbyteRecordMessage> batch = b.records;
    b.records = new ArrayList<>();
    bufferedBytes -= b.bytes;
    b.bytes = 0;
    loader.write(b.stream, batch);
  }

  private static final class Buffer {
    final ConfiguredAirbyteStream stream;
    final String name;
    final String namespace;
    List<AirbyteRecordMessage> records = new ArrayList<>();
    long bytes;
    long sinceState;
    long firstNanos;
    boolean finished;

    Buffer(ConfiguredAirbyteStream stream) {
      this.stream = stream;
      this.name = stream.stream().name();
      this.namespace = stream.stream().namespace();
    }
  }
}
