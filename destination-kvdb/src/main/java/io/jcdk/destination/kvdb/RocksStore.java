package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
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
 * <p>Durability: writes go to the write-ahead log (not synced); {@link #commit()} fsyncs the log,
 * {@link #commitAsync()} has it fsync'd on a thread of its own while writes go on.
 * After a crash RocksDB replays the log up to the last intact write, a prefix in write order.
 * (The write pipeline already calls the store on a thread of its own, so reading the input
 * overlaps writing; a second writer thread here measured no faster and was removed.)
 */
final class RocksStore implements Store {

  /** The column family of the format key, the streams' metadata and check's probe key. */
  private static final byte[] META_FAMILY = KeyLayout.bytes("meta");

  private final Path dir;
  private final boolean readOnly;
  private final Options options;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle data;
  private final ColumnFamilyHandle meta;
  /** Next position of each append generation written in this session, by data key. */
  private final Map<String, Long> nextPosition = new HashMap<>();
  /** Builds the write batches. */
  private final BatchBuilder batches = new BatchBuilder();
  private int lastAppendBytes;
  private final BackgroundSync background = new BackgroundSync(this::commit);
  private final String scope = bootId();

  private RocksStore(Path dir, boolean readOnly, Options options, DBOptions dbOptions, ColumnFamilyOptions familyOptions,
      RocksDB db, List<ColumnFamilyHandle> families) {
    this.dir = dir;
    this.readOnly = readOnly;
    this.options = options;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.writeOptions = new WriteOptions();
    this.db = db;
    this.data = families.get(0);
    this.meta = families.get(1);
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
    // Entries in the default column family, everything else in "meta": a metadata key among the
    // entries would make the first SST file's key range span every later one, and the engine would
    // then rewrite all appended data in compactions instead of moving files down the levels.
    Options options = EmbeddedEngine.options(!readOnly);
    DBOptions dbOptions = new DBOptions(options).setCreateMissingColumnFamilies(!readOnly);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions(options);
    List<ColumnFamilyDescriptor> descriptors = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
        new ColumnFamilyDescriptor(META_FAMILY, familyOptions));
    List<ColumnFamilyHandle> families = new ArrayList<>();
    RocksDB db;
    try {
      db = readOnly ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, families)
          : RocksDB.open(dbOptions, dir.toString(), descriptors, families);
    } catch (RocksDBException e) {
      familyOptions.close();
      dbOptions.close();
      options.close();
      if (detail(e).contains("olumn family not found")) {
        throw olderLayout(dir, "1");
      }
      throw EmbeddedDirectory.openFailure(dir, e);
    }
    RocksStore store = new RocksStore(dir, readOnly, options, dbOptions, familyOptions, db, families);
    try {
      store.checkFormat();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void checkFormat() {
    byte[] format = get(meta, KeyLayout.FORMAT_KEY);
    if (format == null && get(data, KeyLayout.FORMAT_KEY) != null) {
      throw olderLayout(dir, "1"); // version 1 kept everything in the default column family
    }
    if (format == null && !readOnly) {
      put(meta, KeyLayout.FORMAT_KEY, KeyLayout.bytes(KeyLayout.EMBEDDED_FORMAT_VERSION));
    } else if (format != null && !KeyLayout.EMBEDDED_FORMAT_VERSION.equals(new String(format, StandardCharsets.UTF_8))) {
      throw olderLayout(dir, new String(format, StandardCharsets.UTF_8));
    }
  }

  private static ConnectorException olderLayout(Path dir, String version) {
    return ConnectorException.config("The store in " + dir + " has key layout version " + version
        + "; this connector reads version " + KeyLayout.EMBEDDED_FORMAT_VERSION + ". Use the connector version that wrote it,"
        + " or another store.path.");
  }

  @Override
  public Optional<StreamMeta> meta(StreamKey stream) {
    return Optional.ofNullable(get(meta, KeyLayout.metaKey(stream))).map(StreamMeta::fromJson);
  }

  @Override
  public List<StreamMeta> streams() {
    List<StreamMeta> out = new ArrayList<>();
    forEach(meta, KeyLayout.bytes(KeyLayout.META_PREFIX), (key, value) -> out.add(StreamMeta.fromJson(value)));
    out.sort((a, b) -> a.key().compareTo(b.key()));
    return out;
  }

  @Override
  public void putMeta(StreamMeta meta) {
    put(this.meta, KeyLayout.metaKey(meta.key()), meta.toJson());
  }

  @Override
  public Optional<ResumePoint> resumePoint(StreamKey stream) {
    return Optional.ofNullable(get(meta, KeyLayout.resumeKey(stream))).map(ResumePoint::fromJson);
  }

  @Override
  public void putResumePoint(StreamKey stream, ResumePoint point) {
    put(meta, KeyLayout.resumeKey(stream), point.toJson()); // the engine takes writes from any thread
  }

  @Override
  public String scope() {
    return scope;
  }

  /**
   * The Linux kernel's id of this boot: what a process wrote to its files survives a kill of the
   * process, and may be lost only when the machine restarts. Elsewhere a fresh id per process, so a
   * resume point is never taken as surviving (the next attempt falls back to the committed mark).
   */
  private static String bootId() {
    try {
      return "boot " + Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
    } catch (IOException | RuntimeException e) {
      return "process " + UUID.randomUUID();
    }
  }

  @Override
  public Appender append(StreamKey stream, Generation generation) {
    byte[] prefix = entryPrefix(stream, generation.number());
    String id = new String(prefix, StandardCharsets.UTF_8);
    long first = nextPosition.computeIfAbsent(id, k -> loadNextPosition(prefix));
    WriteBatch batch = new WriteBatch(lastAppendBytes); // about the size of the last one: no regrowing
    return new Appender() {
      private long position = first;

      @Override
      public void add(byte[] value) {
        try {
          batches.putPosition(batch, prefix, position, value);
        } catch (RocksDBException e) {
          batch.close();
          throw failure("stage a write to", e);
        }
        position++;
      }

      @Override
      public void finish() {
        nextPosition.put(id, position);
        lastAppendBytes = (int) Math.min(batch.getDataSize(), 64 << 20);
        write(batch);
      }
    };
  }

  @Override
  public void upsert(StreamKey stream, Generation generation, Map<String, byte[]> changes) {
    WriteBatch batch;
    try {
      batch = batches.upsert(entryPrefix(stream, generation.number()), changes);
    } catch (RocksDBException e) {
      throw failure("stage a write to", e);
    }
    write(batch);
  }

  @Override
  public void drop(StreamKey stream, long generation) {
    byte[] prefix = entryPrefix(stream, generation);
    try {
      db.deleteRange(data, writeOptions, prefix, end(prefix));
    } catch (RocksDBException e) {
      throw failure("delete from", e);
    }
    nextPosition.remove(new String(prefix, StandardCharsets.UTF_8));
  }

  @Override
  public void truncate(StreamKey stream, Generation generation, long keep) {
    byte[] prefix = entryPrefix(stream, generation.number());
    try {
      db.deleteRange(data, writeOptions, ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(keep).array(), end(prefix));
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
  public CompletionStage<Void> commitAsync() {
    return background.request();
  }

  @Override
  public long count(StreamKey stream, Generation generation) {
    byte[] prefix = entryPrefix(stream, generation.number());
    if (generation.layout() == Layout.APPEND) {
      return loadNextPosition(prefix);
    }
    long[] n = {0};
    forEach(data, prefix, (key, value) -> n[0]++);
    return n[0];
  }

  @Override
  public void scan(StreamKey stream, Generation generation, EntryVisitor visitor) {
    byte[] prefix = entryPrefix(stream, generation.number());
    boolean append = generation.layout() == Layout.APPEND;
    forEach(data, prefix, (key, value) -> {
      byte[] suffix = Arrays.copyOfRange(key, prefix.length, key.length);
      visitor.entry(append ? KeyLayout.bytes(Long.toString(ByteBuffer.wrap(suffix).getLong())) : suffix, value);
    });
  }

  @Override
  public void probe() {
    byte[] key = KeyLayout.probeKey();
    byte[] value = KeyLayout.bytes("probe " + System.nanoTime());
    try {
      db.put(meta, writeOptions, key, value);
      db.syncWal();
      byte[] back = db.get(meta, key);
      if (!Arrays.equals(value, back)) {
        throw ConnectorException.system("The embedded store in " + dir + " returned "
            + (back == null ? "nothing" : "different bytes") + " for the probe key just written.", null);
      }
      db.delete(meta, writeOptions, key);
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
    background.close();
    try {
      data.close();
      meta.close();
      db.closeE();
    } catch (RocksDBException e) {
      // Everything committed is in the synced log already; a failing close loses nothing of it.
    } finally {
      writeOptions.close();
      familyOptions.close();
      dbOptions.close();
      options.close();
    }
  }

  private long loadNextPosition(byte[] prefix) {
    byte[] last = concat(prefix, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
    try (RocksIterator it = db.newIterator(data)) {
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

  private void forEach(ColumnFamilyHandle family, byte[] prefix, EntryVisitor visitor) {
    try (Slice upper = new Slice(end(prefix));
        ReadOptions read = new ReadOptions().setIterateUpperBound(upper).setFillCache(false);
        RocksIterator it = db.newIterator(family, read)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        visitor.entry(it.key(), it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("read from", e);
    }
  }

  private byte[] get(ColumnFamilyHandle family, byte[] key) {
    try {
      return db.get(family, key);
    } catch (RocksDBException e) {
      throw failure("read from", e);
    }
  }

  private void put(ColumnFamilyHandle family, byte[] key, byte[] value) {
    try {
      db.put(family, writeOptions, key, value);
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
