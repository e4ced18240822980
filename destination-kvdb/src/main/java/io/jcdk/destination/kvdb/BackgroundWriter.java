package io.jcdk.destination.kvdb;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Applies write batches to RocksDB on one background thread, in the order they were submitted.
 *
 * <p>Why: most of the store's cost is the engine's {@code write} (log append, memtable insert), and
 * the caller's thread is the one that parses the input. Handing batches over lets the next records
 * be parsed while the engine stores the previous ones, instead of one waiting for the other. One
 * thread keeps the order, so a crash still leaves a prefix of the writes.
 *
 * <p>At most {@value #MAX_IN_FLIGHT} batches wait; their data is in native memory already (a
 * {@link WriteBatch} copies what is put into it), so the Java heap holds none of it. A failed
 * write fails every later {@link #submit} and {@link #drain}.
 */
final class BackgroundWriter implements AutoCloseable {

  private static final int MAX_IN_FLIGHT = 4;

  private final RocksDB db;
  private final WriteOptions options;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "kvdb-writer");
    t.setDaemon(true);
    return t;
  });
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
  private volatile RocksDBException failure;

  BackgroundWriter(RocksDB db, WriteOptions options) {
    this.db = db;
    this.options = options;
  }

  /** Queues the batch, waiting while {@value #MAX_IN_FLIGHT} are queued; takes ownership of it. */
  void submit(WriteBatch batch) throws RocksDBException {
    try {
      throwIfFailed();
      slots.acquireUninterruptibly();
    } catch (RocksDBException e) {
      batch.close();
      throw e;
    }
    thread.execute(() -> {
      try {
        if (failure == null) {
          db.write(options, batch);
        }
      } catch (RocksDBException e) {
        failure = e;
      } finally {
        batch.close();
        slots.release();
      }
    });
  }

  /** Waits until every submitted batch is written; throws the first failure. */
  void drain() throws RocksDBException {
    slots.acquireUninterruptibly(MAX_IN_FLIGHT);
    slots.release(MAX_IN_FLIGHT);
    throwIfFailed();
  }

  private void throwIfFailed() throws RocksDBException {
    RocksDBException f = failure;
    if (f != null) {
      throw f;
    }
  }

  /** Finishes the queued batches (nothing committed depends on them) and stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
