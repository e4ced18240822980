package io.jcdk.destination.kvdb;

import io.jcdk.destination.StagingLoader;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One {@code write} session: each stream's records are staged by its {@link StreamWriter} on the
 * pipeline's reading thread as they are read (keys, primary keys, the engine's write batch), and
 * the batches stored on the loader thread.
 */
final class KvdbLoader implements StagingLoader<Store.Write> {

  private static final System.Logger LOG = System.getLogger(KvdbLoader.class.getName());

  private final Store store;
  private final Map<StreamDescriptor, StreamWriter> writers;

  KvdbLoader(Store store, Map<StreamDescriptor, StreamWriter> writers) {
    this.store = store;
    this.writers = writers;
  }

  @Override
  public Stager<Store.Write> stager(ConfiguredAirbyteStream stream) {
    return writers.get(stream.descriptor()).stager();
  }

  @Override
  public void writeStaged(ConfiguredAirbyteStream stream, Store.Write staged) {
    staged.apply();
  }

  @Override
  public void commit() {
    store.commit();
  }

  @Override
  public CompletionStage<Void> commitAsync() {
    return store.commitAsync();
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
