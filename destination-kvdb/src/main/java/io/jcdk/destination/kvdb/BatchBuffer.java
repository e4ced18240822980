package io.jcdk.destination.kvdb;

import java.util.Arrays;
import java.util.List;
import org.rocksdb.WriteBatch;

/**
 * Builds a RocksDB write batch in Java, in the engine's serialized batch format, and hands it over
 * in one call ({@link WriteBatch#WriteBatch(byte[])}).
 *
 * <p>Why: {@link WriteBatch#put(byte[], byte[])} is a JNI call per entry that copies the key and
 * the value into malloc'd memory and then again into the batch; at a million small records that
 * was a third of the write's CPU time. Here an entry costs one array copy.
 *
 * <p>The format (RocksDB {@code db/write_batch.cc}): a 12-byte header (sequence number, fixed64,
 * filled in by the engine; entry count, fixed32; both little-endian), then per entry a type byte
 * ({@code 0x1} put, {@code 0x0} delete) and the key and value each as a varint32 length followed by
 * the bytes. Only the default column family. {@code BatchBufferTest} compares every kind of entry
 * with what {@link WriteBatch} itself builds, so an engine upgrade that changed it would fail there.
 */
final class BatchBuffer {

  private static final int HEADER = 12;
  private static final byte TYPE_DELETION = 0x0;
  private static final byte TYPE_VALUE = 0x1;
  private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

  private byte[] buf;
  private int size = HEADER;
  private int count;

  /** An empty batch with room for {@code expectedBytes} (it grows beyond that if needed). */
  BatchBuffer(long expectedBytes) {
    buf = new byte[(int) Math.max(HEADER, Math.min(expectedBytes, MAX_SIZE))];
  }

  /** The exact size of a batch of {@link #putPosition} entries, so it is built without copies. */
  static long positionsSize(byte[] prefix, List<byte[]> values) {
    long size = HEADER;
    for (byte[] value : values) {
      size += entrySize(prefix.length + 8, value.length);
    }
    return size;
  }

  /** Puts {@code prefix} + {@code position} (8 bytes big-endian) → {@code value}. */
  void putPosition(byte[] prefix, long position, byte[] value) {
    ensure(entrySize(prefix.length + 8, value.length));
    buf[size++] = TYPE_VALUE;
    varint(prefix.length + 8);
    System.arraycopy(prefix, 0, buf, size, prefix.length);
    size += prefix.length;
    for (int i = 7; i >= 0; i--) {
      buf[size + i] = (byte) position;
      position >>>= 8;
    }
    size += 8;
    bytes(value);
    count++;
  }

  /** Puts {@code prefix} + {@code suffix} → {@code value}. */
  void put(byte[] prefix, byte[] suffix, byte[] value) {
    ensure(entrySize(prefix.length + suffix.length, value.length));
    buf[size++] = TYPE_VALUE;
    key(prefix, suffix);
    bytes(value);
    count++;
  }

  /** Deletes {@code prefix} + {@code suffix}. */
  void delete(byte[] prefix, byte[] suffix) {
    ensure(1L + varintLength(prefix.length + suffix.length) + prefix.length + suffix.length);
    buf[size++] = TYPE_DELETION;
    key(prefix, suffix);
    count++;
  }

  int count() {
    return count;
  }

  /** The batch, for the engine; the caller closes it. */
  WriteBatch toWriteBatch() {
    buf[8] = (byte) count;
    buf[9] = (byte) (count >>> 8);
    buf[10] = (byte) (count >>> 16);
    buf[11] = (byte) (count >>> 24);
    return new WriteBatch(size == buf.length ? buf : Arrays.copyOf(buf, size));
  }

  private void key(byte[] prefix, byte[] suffix) {
    varint(prefix.length + suffix.length);
    System.arraycopy(prefix, 0, buf, size, prefix.length);
    size += prefix.length;
    System.arraycopy(suffix, 0, buf, size, suffix.length);
    size += suffix.length;
  }

  private void bytes(byte[] b) {
    varint(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void varint(int v) {
    while ((v & ~0x7f) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private static long entrySize(int keyLength, int valueLength) {
    return 1L + varintLength(keyLength) + keyLength + varintLength(valueLength) + valueLength;
  }

  private static int varintLength(int v) {
    return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
  }

  /** Room for {@code more} bytes. */
  private void ensure(long more) {
    long need = size + more;
    if (need > buf.length) {
      if (need > MAX_SIZE) {
        throw new IllegalStateException("a write batch over 2 GiB; flush smaller batches");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(MAX_SIZE, Math.max(need, buf.length * 2L)));
    }
  }
}
