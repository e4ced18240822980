package io.jcdk.destination.kvdb;

import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import java.util.List;
import java.util.Map;

/** One {@code write} session: hands each stream's batches to its {@link StreamWriter}. */
final class KvdbLoader implements Loader {

  private static final System.Logger LOG = System.getLogger(KvdbLoader.class.getName());

  private final Store store;
  private final Map<StreamDescriptor, StreamWriter> writers;

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
