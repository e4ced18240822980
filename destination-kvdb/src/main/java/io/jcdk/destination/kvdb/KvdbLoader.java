package io.jcdk.destination.kvdb;

import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code write} session: each stream's batches go to its {@link StreamWriter}, on the
 * pipeline's loader thread.
 *
 * <p>Why not stage each record on the reading thread as it is read (keys, the engine's write batch),
 * as this loader did: run as a process, {@code write}'s reading thread is the slower one (its
 * decoding runs as interpreted and first-tier compiled code for much of a sync) while the loader
 * thread idles half the time, and the whole process measured 5–10% more CPU that way
 * ({@code docs/performance.md}).
 */
final class KvdbLoader implements Loader {

  private static final System.Logger LOG = System.getLogger(KvdbLoader.class.getName());

  private final Store store;
  private final Map<StreamDescriptor, StreamWriter> writers;
  /** Completes once the resume points of the last state checkpointed are written (loader thread only). */
  private CompletableFuture<Void> resumePointsWritten = CompletableFuture.completedFuture(null);

  KvdbLoader(Store store, Map<StreamDescriptor, StreamWriter> writers) {
    this.store = store;
    this.writers = writers;
  }

  @Override
  public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
    writers.get(stream.descriptor()).write(records);
  }

  @Override
  public void commit() {
    store.commit();
  }

  @Override
  public CompletionStage<Void> commitAsync() {
    return store.commitAsync();
  }

  /**
   * Records how far the state covers each staged overwrite, in the commit that makes it durable,
   * and once that commit is done, right before the pipeline echoes the state, its resume points
   * (see {@link ResumePoint}). Resume points are written in state order: each after the previous
   * one and after its own commit, so the last one written is never behind the last state echoed.
   */
  @Override
  public CompletionStage<Void> checkpoint(List<ConfiguredAirbyteStream> streams) {
    List<StreamWriter> staged = new ArrayList<>();
    List<ResumePoint> points = new ArrayList<>();
    for (ConfiguredAirbyteStream stream : streams) {
      StreamWriter writer = writers.get(stream.descriptor());
      ResumePoint point = writer.stateReached();
      if (point != null) {
        staged.add(writer);
        points.add(point);
      }
    }
    CompletionStage<Void> commit = store.commitAsync();
    if (points.isEmpty()) {
      return commit;
    }
    resumePointsWritten = resumePointsWritten.thenCombine(commit, (a, b) -> (Void) null).thenRun(() -> {
      for (int i = 0; i < points.size(); i++) {
        store.putResumePoint(staged.get(i).key(), points.get(i));
      }
    });
    return resumePointsWritten;
  }

  @Override
  public void streamComplete(ConfiguredAirbyteStream stream) {
    writers.get(stream.descriptor()).complete();
  }

  @Override
  public void streamIncomplete(ConfiguredAirbyteStream stream) {
    LOG.log(System.Logger.Level.INFO, "Stream {0} is incomplete: its committed records stay, an overwrite stays"
        + " unpublished until a later attempt completes it.", stream.descriptor());
  }

  @Override
  public void close() {
    store.close();
  }
}
