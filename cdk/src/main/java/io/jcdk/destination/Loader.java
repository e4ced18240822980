package io.jcdk.destination;

import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One write session of a {@link Destination}; see there for the order of calls. */
public interface Loader extends AutoCloseable {

  /**
   * Writes a batch of one stream's records, in arrival order. {@code record.data()} is raw JSON
   * bytes; call {@code data().tree()} only if the destination must look inside.
   */
  void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records);

  /** Makes every write so far durable (fsync, transaction commit, server acknowledgement). */
  void commit();

  /**
   * Like {@link #commit()}, but may return before the writes are durable, with a stage that
   * completes (or fails) when they are. The pipeline then goes on writing and echoes the states the
   * commit covers once the stage completes, so a loader whose commit waits on a disk or a server
   * can overlap that wait with the next writes. Override only if writes may run while an earlier
   * commit completes; the default commits and returns a completed stage.
   */
  default CompletionStage<Void> commitAsync() {
    commit();
    return CompletableFuture.completedFuture(null);
  }

  /** The stream is complete and committed: publish it (overwrite swaps here). */
  default void streamComplete(ConfiguredAirbyteStream stream) {}

  /** The source gave up on the stream; keep what is committed, never publish a partial overwrite. */
  default void streamIncomplete(ConfiguredAirbyteStream stream) {}

  /** Releases resources. Called once, last, after success or failure; must not throw for cleanup. */
  @Override
  void close();
}
