package io.jcdk.destination.kvdb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A key-value engine holding streams in the layout of {@link KeyLayout}. Implementations:
 * {@link RocksStore} (embedded) and {@link RedisStore}.
 *
 * <p>Writes take effect in call order. They need not be durable until {@link #commit()} returns;
 * after a crash the store holds a prefix of the writes in call order (RocksDB's write-ahead log and
 * Redis's command stream both guarantee that), which is what lets {@link StreamWriter} change
 * metadata and data without transactions. Used from one thread, but for staging and
 * {@link #commitAsync()} (see there).
 */
public interface Store extends AutoCloseable {

  /** The stream's metadata, or empty if nothing was ever written for it. */
  Optional<StreamMeta> meta(StreamKey stream);

  /** Every stream the store holds, ordered by {@link StreamKey}. */
  List<StreamMeta> streams();

  /** Replaces the stream's metadata in one atomic write. */
  void putMeta(StreamMeta meta);

  /** Where the next attempt of the stream's staged overwrite resumes, or empty. */
  Optional<ResumePoint> resumePoint(StreamKey stream);

  /**
   * Writes the stream's resume point; when this returns, it survives whatever {@link #scope()}
   * promises. May be called on the thread that completes a {@link #commitAsync()} stage, while
   * the store's thread writes on.
   */
  void putResumePoint(StreamKey stream, ResumePoint point);

  /**
   * An id that stays the same for as long as everything written to the store survives, committed
   * or not: the embedded store's writes are in the machine's page cache once written, so a killed
   * process loses none and only a restart of the machine can (the id is the machine's boot id);
   * Redis acknowledges a resume point before it is used, so it holds whatever the server holds.
   */
  String scope();

  /**
   * Appends entries to an {@link Layout#APPEND} generation, after the ones already there: each is
   * {@link Appender#add added}, and {@link Appender#finish()} writes them. One appender at a time.
   */
  Appender append(StreamKey stream, Generation generation);

  /**
   * Writes changes to a {@link Layout#KEYED} generation: key (the primary key as JSON text) → new
   * value, or null to delete the entry.
   */
  void upsert(StreamKey stream, Generation generation, Map<String, byte[]> changes);

  /** Deletes every entry of a generation. */
  void drop(StreamKey stream, long generation);

  /**
   * Deletes the entries of an {@link Layout#APPEND} generation from position {@code keep} on, so
   * that the next entry appended gets position {@code keep}.
   */
  void truncate(StreamKey stream, Generation generation, long keep);

  /** Makes every write so far durable (fsync, or the server's acknowledgement). */
  void commit();

  /**
   * Like {@link #commit()}, but may return at once with a stage that completes when the writes so
   * far are durable; writes may go on meanwhile (on the calling thread; the commit may complete on
   * another). The default commits first.
   */
  default CompletionStage<Void> commitAsync() {
    commit();
    return CompletableFuture.completedFuture(null);
  }

  /** The number of entries in a generation. */
  long count(StreamKey stream, Generation generation);

  /**
   * Calls {@code visitor} with every entry of a generation: append entries in arrival order with
   * their position as key, keyed entries with their primary key.
   */
  void scan(StreamKey stream, Generation generation, EntryVisitor visitor);

  /** Writes, reads back and deletes a probe key; throws a classified error saying what failed. */
  void probe();

  /** Where the data lives, for messages: "the embedded store in /data/kv", "Redis at host:6379 (database 0)". */
  String describe();

  /** Releases the engine or connection; never throws. */
  @Override
  void close();

  /** Entries added one at a time to an append generation. */
  interface Appender {
    void add(byte[] value);

    /** Writes the entries added, in call order with the store's other writes; the appender is not used after. */
    void finish();
  }

  /** Receives entries from {@link #scan}; {@code key} is JSON text (a number or an array). */
  @FunctionalInterface
  interface EntryVisitor {
    void entry(byte[] key, byte[] value);
  }

  /**
   * Opens the store the config names. {@code readOnly} (for {@code dump} and {@code stats}) opens
   * RocksDB read-only, which works while a sync holds the store, and writes nothing to Redis.
   */
  static Store open(StoreConfig config, boolean readOnly) {
    if (config instanceof StoreConfig.Embedded e) {
      try {
        return RocksStore.open(e.path(), readOnly);
      } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError error) {
        throw io.jcdk.ConnectorException.system("Cannot load RocksDB's native library on "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + error + "). The embedded"
            + " store runs on Linux x86-64 and arm64 (glibc or musl), macOS and Windows, and unpacks the library"
            + " into java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + "), which must allow executing"
            + " files; or use a Redis store.", error);
      }
    }
    return RedisStore.open((StoreConfig.Redis) config, readOnly);
  }
}
