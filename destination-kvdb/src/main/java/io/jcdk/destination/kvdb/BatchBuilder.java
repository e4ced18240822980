package io.jcdk.destination.kvdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Builds RocksDB write batches through two reused direct buffers. Confined to one thread (the
 * pipeline's loader thread).
 *
 * <p>Why: {@link WriteBatch#put(byte[], byte[])} copies key and value twice through malloc'd
 * memory; a batch built in Java and handed over serialized ({@link WriteBatch#WriteBatch(byte[])})
 * is copied twice more and then scanned again by the engine on every write to learn what it holds.
 * From a direct buffer the engine copies each entry once, straight into the batch (measured in
 * {@code docs/performance.md}).
 */
final class BatchBuilder {

  private ByteBuffer key = ByteBuffer.allocateDirect(256);
  private ByteBuffer value = ByteBuffer.allocateDirect(64 << 10);

  /** Puts {@code prefix} + {@code position} (8 bytes big-endian) → {@code value}. */
  void putPosition(WriteBatch batch, byte[] prefix, long position, byte[] value) throws RocksDBException {
    key(prefix.length + 8).put(prefix).putLong(position).flip();
    batch.put(key, value(value));
  }

  /** {@code prefix} + key → value for each change; a null value deletes the key. */
  WriteBatch upsert(byte[] prefix, Map<String, byte[]> changes) throws RocksDBException {
    WriteBatch batch = new WriteBatch();
    try {
      for (Map.Entry<String, byte[]> change : changes.entrySet()) {
        byte[] suffix = change.getKey().getBytes(StandardCharsets.UTF_8);
        key(prefix.length + suffix.length).put(prefix).put(suffix).flip();
        if (change.getValue() == null) {
          batch.delete(key);
        } else {
          batch.put(key, value(change.getValue()));
        }
      }
    } catch (RocksDBException | RuntimeException e) {
      batch.close();
      throw e;
    }
    return batch;
  }

  /** The key buffer, cleared, with room for {@code length} bytes. */
  private ByteBuffer key(int length) {
    if (key.capacity() < length) {
      key = ByteBuffer.allocateDirect(Math.max(length, key.capacity() * 2));
    }
    return key.clear();
  }

  private ByteBuffer value(byte[] v) {
    if (value.capacity() < v.length) {
      value = ByteBuffer.allocateDirect(Math.max(v.length, value.capacity() * 2));
    }
    return value.clear().put(v).flip();
  }
}
