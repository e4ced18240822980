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
import java.util.Objects;

/**
 * stdin → per-stream buffers → {@link Loader#write} → {@link Loader#commit} → echo the states whose
 * records are all committed → stdout.
 *
 * <p>The invariant: a STATE is written only after every record that arrived before it has been
 * written and committed. States are echoed in input order, each with {@code destinationStats}: the
 * records of its stream (STREAM) or of all streams (GLOBAL) since the previous such state. If
 * anything throws, no further state is echoed.
 *
 * <p>Two threads: the caller's reads and buffers the input; a loader thread makes every loader
 * call after {@link Destination#open} (write, commit, stream completion), in input order, and
 * echoes each state after the commit that covers it (a {@link Loader#commitAsync} commit may
 * complete later, on another thread, while the loader thread writes on; echoes stay in order). So
 * reading the next records overlaps storing and committing the previous ones, and a commit (an
 * fsync, a transaction, a round trip) never stalls the input. At most {@value LoaderThread#HANDED_OFF} batches
 * wait for the loader, on top of the buffers' memory budget; a reader that gets ahead waits for it.
 * The pipeline returns or throws only after the loader thread is done and every commit has
 * completed, so {@link Loader#close()} never overlaps a loader call.
 *
 * <p>Streams are completed ({@link Loader#streamComplete}) when their COMPLETE status arrives, and
 * only then, with one exception for sources older than stream status: input that carries no status
 * at all completes, when it ends cleanly, the streams whose last message was a state covering them
 * (a STREAM state of theirs or a GLOBAL state, with no record after it). Every other stream that did
 * not finish when the input ends is {@linkplain Loader#streamIncomplete incomplete}: empty input,
 * input cut short, input ending in records after a stream's last state. So a source that dies before
 * its first message, or in the middle, never publishes an overwrite.
 */
public final class WritePipeline {

  private static final System.Logger LOG = System.getLogger(WritePipeline.class.getName());

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
  /** The largest record's data so far and its line, for the message should memory run out. */
  private long largest;
  private long largestLine;
  private final LoaderThread loaderThread = new LoaderThread();

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
    loaderThread.start();
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
      flushAll();
      finishAtEnd();
      loaderThread.finish();
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
      loaderThread.abort(failure);
      throw failure;
    } catch (OutOfMemoryError e) {
      loaderThread.abort(e);
      throw ConnectorException.system(String.format("The connector ran out of memory (heap maximum %d MB) while it"
          + " wrote; the largest record so far, on line %d, holds %d MB (%,d bytes of data): %s",
          Runtime.getRuntime().maxMemory() >> 20, largestLine, largest >> 20, largest, MessageReader.heapAdvice(largest)), e);
    } catch (RuntimeException | Error e) {
      loaderThread.abort(e);
      throw e;
    }
    out.flush();
  }

  /**
   * The input ended cleanly: complete what the input proves complete (see the class comment), the
   * rest is incomplete. Which a source that died looks like, as much as a source that finished: an
   * end of input alone never publishes an overwrite.
   */
  private void finishAtEnd() {
    List<ConfiguredAirbyteStream> complete = new ArrayList<>();
    List<ConfiguredAirbyteStream> incomplete = new ArrayList<>();
    for (Buffer b : buffers.values()) {
      if (b.finished) {
        continue;
      }
      b.finished = true;
      if (!sawStreamStatus && b.endsWithState) {
        complete.add(b.stream);
      } else {
        incomplete.add(b.stream);
        LOG.log(System.Logger.Level.WARNING, "Stream {0}: the input ended without a COMPLETE status for it{1}; it is"
            + " incomplete (an overwrite of it is not published).", b.stream.descriptor(), sawStreamStatus ? ""
            : b.sawState ? " and with records after its last state" : " and without a state for it");
      }
    }
    loaderThread.submit(() -> {
      loader.commit();
      complete.forEach(loader::streamComplete);
      incomplete.forEach(loader::streamIncomplete);
    });
  }

  private void onRecord(AirbyteRecordMessage record, long line) {
    Buffer b = bufferOf(record);
    if (b == null) {
      throw ConnectorException.config("Line " + line + ": a record for stream '" + record.descriptor()
          + "', which is not in the configured catalog " + buffers.keySet()
          + ". Add the stream to the catalog or stop sending it.");
    }
    long size = record.data().size() + RECORD_OVERHEAD;
    if (record.data().size() > largest) {
      largest = record.data().size();
      largestLine = line;
    }
    if (b.count == 0) {
      b.firstNanos = System.nanoTime();
    }
    b.records.add(record);
    b.count++;
    b.endsWithState = false;
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
    if (last != null && last.name.equals(record.stream()) && Objects.equals(last.namespace, record.namespace())) {
      return last;
    }
    Buffer b = buffers.get(record.descriptor());
    lastBuffer = b;
    return b;
  }

  private void onState(AirbyteStateMessage state, long line) {
    flushAll();
    List<Buffer> covered = new ArrayList<>();
    AirbyteMessage echo = switch (state.effectiveType()) {
      case STREAM -> {
        StreamDescriptor d = state.stream() == null ? null : state.stream().streamDescriptor();
        Buffer b = d == null ? null : buffers.get(d);
        long count = b == null ? 0 : b.sinceState;
        if (b != null) {
          covered.add(b);
        }
        recordsSinceGlobalState -= count;
        yield AirbyteMessage.of(state.withDestinationStats(count));
      }
      case GLOBAL -> {
        AirbyteMessage global = AirbyteMessage.of(state.withDestinationStats(recordsSinceGlobalState));
        recordsSinceGlobalState = 0;
        covered.addAll(buffers.values());
        yield global;
      }
      case LEGACY -> throw ConnectorException.config("Line " + line
          + ": a LEGACY state (no type, only 'data'); this destination confirms STREAM and GLOBAL states"
          + " only. Upgrade the source to per-stream or global state.");
    };
    List<ConfiguredAirbyteStream> streams = new ArrayList<>(covered.size());
    for (Buffer b : covered) {
      b.sinceState = 0;
      b.sawState = true;
      b.endsWithState = true;
      streams.add(b.stream);
    }
    loaderThread.submit(() -> loaderThread.whenDurable(loader.checkpoint(streams), () -> out.write(echo)));
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
        b.finished = true;
        loaderThread.submit(() -> {
          loader.commit();
          loader.streamComplete(b.stream);
        });
      }
      case INCOMPLETE -> {
        flush(b);
        b.finished = true;
        loaderThread.submit(() -> {
          loader.commit();
          loader.streamIncomplete(b.stream);
        });
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
      if (b.count > 0 && now - b.firstNanos >= policy.maxAge().toNanos()) {
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
    if (b.count == 0) {
      return;
    }
    ConfiguredAirbyteStream stream = b.stream;
    List<AirbyteRecordMessage> batch = b.records;
    b.records = new ArrayList<>();
    loaderThread.submit(() -> loader.write(stream, batch));
    bufferedBytes -= b.bytes;
    b.bytes = 0;
    b.count = 0;
  }

  private static final class Buffer {
    final ConfiguredAirbyteStream stream;
    final String name;
    final String namespace;
    /** The records of the batch. */
    List<AirbyteRecordMessage> records = new ArrayList<>();
    int count;
    long bytes;
    long sinceState;
    long firstNanos;
    boolean finished;
    /** Whether a state covered the stream yet. */
    boolean sawState;
    /** Whether the stream's last message so far was a state covering it (no record after it). */
    boolean endsWithState;

    Buffer(ConfiguredAirbyteStream stream) {
      this.stream = stream;
      this.name = stream.stream().name();
      this.namespace = stream.stream().namespace();
    }
  }
}
