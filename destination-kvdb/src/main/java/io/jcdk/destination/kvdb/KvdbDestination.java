package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.destination.BufferPolicy;
import io.jcdk.destination.Loader;
import io.jcdk.destination.ReadableDestination;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.spec.Specs;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A key-value destination: every stream's records land in an embedded RocksDB directory or a Redis
 * server, in the layout {@code docs/destination-kvdb.md} describes.
 */
public final class KvdbDestination implements ReadableDestination<KvdbConfig> {

  private static final long BATCH_BYTES = 1L << 20;

  private final ConnectorSpecification spec = Specs.fromResource(KvdbDestination.class, "spec.json");

  @Override
  public ConnectorSpecification spec() {
    return spec;
  }

  @Override
  public KvdbConfig parseConfig(JsonNode config) {
    return KvdbConfig.parse(config);
  }

  /** Opens the store and writes, reads back and deletes a probe key. */
  @Override
  public AirbyteConnectionStatus check(KvdbConfig config) {
    try (Store store = Store.open(config.store(), false)) {
      store.probe();
      return AirbyteConnectionStatus.succeeded();
    } catch (ConnectorException e) {
      return AirbyteConnectionStatus.failed(e.getMessage());
    }
  }

  /**
   * Batches of 1 MiB instead of the default 8 MiB: the pipeline's loader thread stores each batch
   * while the next records are parsed, so small batches keep both busy instead of leaving all the
   * storing for when a state arrives. The memory budget stays the default.
   */
  @Override
  public BufferPolicy bufferPolicy(KvdbConfig config) {
    BufferPolicy defaults = BufferPolicy.defaults();
    return new BufferPolicy(defaults.memoryBudgetBytes(), Math.min(BATCH_BYTES, defaults.batchBytes()), defaults.maxAge());
  }

  @Override
  public Loader open(KvdbConfig config, ConfiguredAirbyteCatalog catalog) {
    Store store = Store.open(config.store(), false);
    try {
      Map<StreamDescriptor, StreamWriter> writers = new LinkedHashMap<>();
      for (ConfiguredAirbyteStream stream : catalog.streams()) {
        writers.put(stream.descriptor(), StreamWriter.open(store, stream));
      }
      store.commit();
      return new KvdbLoader(store, writers);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** What readers see of the stream: its published generation. A store never written reads as empty. */
  @Override
  public void readBack(KvdbConfig config, ConfiguredAirbyteStream stream, Consumer<RawJson> records) {
    if (config.store() instanceof StoreConfig.Embedded e && !Files.exists(e.path().resolve("CURRENT"))) {
      return;
    }
    try (Store store = Store.open(config.store(), true)) {
      StreamKey key = StreamKey.of(stream.descriptor());
      StreamMeta meta = store.meta(key).orElse(null);
      if (meta != null && meta.current() != null) {
        store.scan(key, meta.current(), (entry, value) -> records.accept(RawJson.ofTrustedBytes(value)));
      }
    }
  }
}
