package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded store: RocksDB in a local directory (why RocksDB: {@code docs/kvdb-engine.md}).
 *
 * <p>Entries of generation {@code g} of stream {@code s} are keys {@code jcdk:data:s:g:} followed
 * by, in an append generation, the entry's position as 8 bytes big-endian (so key order is arrival
 * order), or in a keyed generation the primary key's JSON text. Values are the records' data bytes
 * exactly as received.
 *
 * <p>Durability: writes go to the write-ahead log (not synced); {@link #commit()} fsyncs the log.
 * After a crash RocksDB replays the log up to the last intact write, a prefix in write order.
 * (The write pipeline already calls the store on a thread of its own, so reading the input
 * overlaps writing; a second writer thread here measured no faster and was removed.)
 */
final class RocksStore implements Store {

  private final Path dir;
  private final boolean readOnly;
  private final Options options;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  /** Next position of each append generation written in this session, by data key. */
  private final Map<String, Long> nextPosition = new HashMap<>();

  private RocksStore(Path dir, boolean readOnly, Options options, RocksDB db) {
    this.dir = dir;
    this.readOnly = readOnly;
    this.options = options;
    this.writeOptions = new WriteOptions();
    this.db = db;
  }

  static RocksStore open(Path dir, boolean readOnly) {
    if (readOnly) {
      if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
        throw ConnectorException.config("There is no store in " + dir + " (store.path): nothing has been written"
            + " there yet. Check the path, or run a sync first.");
      }
    } else {
      EmbeddedDirectory.prepare(dir);
    }
    Options options = EmbeddedEngine.options(!readOnly);
    RocksDB db;
    try {
      db = readOnly ? RocksDB.openReadOnly(options, dir.toString()) : RocksDB.open(options, dir.toString());
    } catch (RocksDBException e) {
      options.close();
      throw EmbeddedDirectory.openFailure(dir, e);
    }
    RocksStore store = new RocksStore(dir, readOnly, options, db);
    try {
      store.checkFormat();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void checkFormat() {
    byte[] format = get(KeyLayout.FORMAT_KEY);
    if (format == null && !readOnly) {
      put(KeyLayout.FORMAT_KEY, KeyLayout.bytes(KeyLayout.FORMAT_VERSION));
    } else if (format != null && !KeyLayout.FORMAT_VERSION.equals(new String(format, StandardCharsets.UTF_8))) {
      throw ConnectorException.config("The store in " + dir + " has key layout version "
          + new String(format, StandardCharsets.UTF_8) + "; this connector reads version " + KeyLayout.FORMAT_VERSION
          + ". Use the connector version that wrote it, or another store.path.");
    }
  }

  @Override
  public Optional<StreamMeta> meta(StreamKey stream) {
    return Optional.ofNullable(get(KeyLayout.metaKey(stream))).map(StreamMeta::fromJson);
  }

  @Override
  public List<StreamMeta> streams() {
    List<StreamMeta> out = new ArrayList<>();
    forEach(KeyLayout.bytes(KeyLayout.META_PREFIX), (key, value) -> out.add(StreamMeta.fromJson(value)));
    out.sort((a, b) -> a.key().compareTo(b.key()));
    return out;
  }

  @Override
  public void putMeta(StreamMeta meta) {
    put(KeyLayout.metaKey(meta.key()), meta.toJson());
  }

  @Override
  public void append(StreamKey stream, Generation generation, List<byte[]> values) {
    byte[] prefix = entryPrefix(stream, generation.number());
    String id = new String(prefix, StandardCharsets.UTF_8);
    long position = nextPosition.computeIfAbsent(id, k -> loadNextPosition(prefix));
    BatchBuffer batch = new BatchBuffer(BatchBuffer.positionsSize(prefix, values));
    for (byte[] value : values) {
      batch.putPosition(prefix, position++, value);
    }
    write(batch.toWriteBatch());
    nextPosition.put(id, position);
  }

  @Override
  public void upsert(StreamKey stream, Generation generation, Map<String, byte[]> changes) {
    byte[] prefix = entryPrefix(stream, generation.number());
    BatchBuffer batch = new BatchBuffer(1 << 16);
    for (Map.Entry<String, byte[]> change : changes.entrySet()) {
      byte[] key = change.getKey().getBytes(StandardCharsets.UTF_8);
      if (change.getValue() == null) {
        batch.delete(prefix, key);
      } else {
        batch.put(prefix, key, change.getValue());
      }
    }
    write(batch.toWriteBatch());
  }

  @Override
  public void drop(StreamKey stream, long generation) {
    byte[] prefix = entryPrefix(stream, generation);
    try {
      db.deleteRange(writeOptions, prefix, end(prefix));
    } catch (RocksDBException e) {
      throw failure("delete from", e);
    }
    nextPosition.remove(new String(prefix, StandardCharsets.UTF_8));
  }

  @Override
  public void commit() {
    if (readOnly) {
      return;
    }
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      throw failure("sync", e);
    }
  }

  @Override
  public long count(StreamKey stream, Generation generation) {
    byte[] prefix = entryPrefix(stream, generation.number());
    if (generation.layout() == Layout.APPEND) {
      return loadNextPosition(prefix);
    }
    long[] n = {0};
    forEach(prefix, (key, value) -> n[0]++);
    return n[0];
  }

  @Override
  public void scan(StreamKey stream, Generation generation, EntryVisitor visitor) {
    byte[] prefix = entryPrefix(stream, generation.number());
    boolean append = generation.layout() == Layout.APPEND;
    forEach(prefix, (key, value) -> {
      byte[] suffix = Arrays.copyOfRange(key, prefix.length, key.length);
      visitor.entry(append ? KeyLayout.bytes(Long.toString(ByteBuffer.wrap(suffix).getLong())) : suffix, value);
    });
  }

  @Override
  public void probe() {
    byte[] key = KeyLayout.probeKey();
    byte[] value = KeyLayout.bytes("probe " + System.nanoTime());
    try {
      db.put(writeOptions, key, value);
      db.syncWal();
      byte[] back = db.get(key);
      if (!Arrays.equals(value, back)) {
        throw ConnectorException.system("The embedded store in " + dir + " returned "
            + (back == null ? "nothing" : "different bytes") + " for the probe key just written.", null);
      }
      db.delete(writeOptions, key);
      db.syncWal();
    } catch (RocksDBException e) {
      throw ConnectorException.config("Cannot write a probe key to the embedded store in " + dir + " (store.path): "
          + detail(e) + ".", e);
    }
  }

  @Override
  public String describe() {
    return "the embedded store in " + dir;
  }

  @Override
  public void close() {
    try {
      db.closeE();
    } catch (RocksDBException e) {
      // Everything committed is in the synced log already; a failing close loses nothing of it.
    } finally {
      writeOptions.close();
      options.close();
    }
  }

  private long loadNextPosition(byte[] prefix) {
    byte[] last = concat(prefix, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
    try (RocksIterator it = db.newIterator()) {
      it.seekForPrev(last);
      if (it.isValid()) {
        byte[] key = it.key();
        if (key.length == prefix.length + 8 && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
          return ByteBuffer.wrap(key, prefix.length, 8).getLong() + 1;
        }
      }
      return 0;
    }
  }

  private void forEach(byte[] prefix, EntryVisitor visitor) {
    try (Slice upper = new Slice(end(prefix));
        ReadOptions read = new ReadOptions().setIterateUpperBound(upper).setFillCache(false);
        RocksIterator it = db.newIterator(read)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        visitor.entry(it.key(), it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("read from", e);
    }
  }

  private byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw failure("read from", e);
    }
  }

  private void put(byte[] key, byte[] value) {
    try {
      db.put(writeOptions, key, value);
    } catch (RocksDBException e) {
      throw failure("write to", e);
    }
  }

  /** Writes and closes the batch. */
  private void write(WriteBatch batch) {
    try (batch) {
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("write to", e);
    }
  }

  private ConnectorException failure(String action, RocksDBException e) {
    String state = detail(e);
    if (state.contains("No space left")) {
      return ConnectorException.config("The disk holding " + dir + " (store.path) is full: " + state
          + ". Free space or move the store, then run the sync again.", e);
    }
    return ConnectorException.system("Cannot " + action + " the embedded store in " + dir + ": " + state, e);
  }

  static String detail(RocksDBException e) {
    return e.getStatus() != null && e.getStatus().getState() != null ? e.getStatus().getState() : String.valueOf(e.getMessage());
  }

  private static byte[] entryPrefix(StreamKey stream, long generation) {
    byte[] data = KeyLayout.dataKey(stream, generation);
    byte[] prefix = Arrays.copyOf(data, data.length + 1);
    prefix[data.length] = ':';
    return prefix;
  }

  /** The first key after all keys starting with {@code prefix}; prefixes here end in ':', never 0xff. */
  private static byte[] end(byte[] prefix) {
    byte[] end = prefix.clone();
    end[end.length - 1]++;
    return end;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
