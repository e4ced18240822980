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

  /**
   * A STATE arrived and every record before it has been written: make them durable, as {@link
   * #commitAsync()} does (the default calls it); the pipeline echoes the state when the stage
   * completes. Called for states only, never for the commits before a stream status or at the end.
   *
   * <p>{@code streams} are the streams the state covers: its stream for a STREAM state, every
   * configured stream for a GLOBAL one. A retried sync resumes them from the last state echoed, so
   * a loader that stages an overwrite records here, durably with these writes, how far each one's
   * staged records go; the next attempt cuts the staging back to that point before it writes, and
   * so holds every record once.
   */
  default CompletionStage<Void> checkpoint(List<ConfiguredAirbyteStream> streams) {
    return commitAsync();
  }

  /** The stream is complete and committed: publish it (overwrite swaps here). */
  default void streamComplete(ConfiguredAirbyteStream stream) {}

  /**
   * The stream did not complete: the source gave up on it, or the input ended without proof that it
   * is complete (see {@link Destination}). Keep what is committed; never publish a partial overwrite.
   */
  default void streamIncomplete(ConfiguredAirbyteStream stream) {}

  /** Releases resources. Called once, last, after success or failure; must not throw for cleanup. */
  @Override
  void close();
}
