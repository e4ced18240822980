package io.jcdk.cli;

import io.jcdk.protocol.StreamDescriptor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a sync has moved so far: records and bytes read per stream, states the destination confirmed
 * and the records they cover. Written by the sync's threads, read by the progress display at any time.
 */
public final class SyncCounts {

  /** One stream's records and bytes (of its records' data) read from the source. */
  public record Stream(StreamDescriptor stream, long records, long bytes) {}

  /** A consistent-enough view for display: each number is exact, taken one after another. */
  public record Snapshot(long records, long bytes, List<Stream> streams, long states, long confirmedRecords) {}

  private static final class Counter {
    final AtomicLong records = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
  }

  private final Map<StreamDescriptor, Counter> streams = new ConcurrentHashMap<>();
  private final AtomicLong states = new AtomicLong();
  private final AtomicLong confirmed = new AtomicLong();

  void read(StreamDescriptor stream, long recordBytes) {
    Counter c = streams.computeIfAbsent(stream, s -> new Counter());
    c.records.incrementAndGet();
    c.bytes.addAndGet(recordBytes);
  }

  /** A state the destination echoed, covering {@code recordCount} records (0 when it did not say). */
  void confirmed(long recordCount) {
    states.incrementAndGet();
    confirmed.addAndGet(recordCount);
  }

  long states() {
    return states.get();
  }

  /** Streams by name (namespace, then name); the totals are their sums. */
  Snapshot snapshot() {
    List<Stream> each = streams.entrySet().stream()
        .map(e -> new Stream(e.getKey(), e.getValue().records.get(), e.getValue().bytes.get()))
        .sorted(Comparator.comparing((Stream s) -> s.stream().displayName()))
        .toList();
    return new Snapshot(each.stream().mapToLong(Stream::records).sum(), each.stream().mapToLong(Stream::bytes).sum(),
        each, states.get(), confirmed.get());
  }
}
