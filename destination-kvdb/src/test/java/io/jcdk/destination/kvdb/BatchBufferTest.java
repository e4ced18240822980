package io.jcdk.destination.kvdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** {@link BatchBuffer} must build byte for byte what RocksDB's own {@link WriteBatch} builds. */
class BatchBufferTest {

  static {
    EmbeddedEngine.options(false).close(); // loads the native library
  }

  private static final byte[] PREFIX = "jcdk:data:s:1:".getBytes(StandardCharsets.UTF_8);

  @Test
  void everyKindOfEntryMatchesTheEnginesOwnBatch() throws RocksDBException {
    byte[] small = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] empty = new byte[0];
    byte[] large = new byte[300_000]; // a length that needs a 3-byte varint
    Arrays.fill(large, (byte) 'x');
    byte[] pk = "[\"a\",7]".getBytes(StandardCharsets.UTF_8);

    BatchBuffer ours = new BatchBuffer(16); // grows several times
    ours.putPosition(PREFIX, 0, small);
    ours.putPosition(PREFIX, 0x0102030405060708L, large);
    ours.putPosition(PREFIX, 255, empty);
    ours.put(PREFIX, pk, small);
    ours.delete(PREFIX, pk);
    assertEquals(5, ours.count());

    try (WriteBatch theirs = new WriteBatch(); WriteBatch built = ours.toWriteBatch()) {
      theirs.put(concat(PREFIX, position(0)), small);
      theirs.put(concat(PREFIX, position(0x0102030405060708L)), large);
      theirs.put(concat(PREFIX, position(255)), empty);
      theirs.put(concat(PREFIX, pk), small);
      theirs.delete(concat(PREFIX, pk));
      assertArrayEquals(theirs.data(), built.data());
      assertEquals(5, built.count());
    }
  }

  @Test
  void anEmptyBatchIsValid() throws RocksDBException {
    try (WriteBatch theirs = new WriteBatch(); WriteBatch built = new BatchBuffer(0).toWriteBatch()) {
      assertArrayEquals(theirs.data(), built.data());
      assertEquals(0, built.count());
    }
  }

  private static byte[] position(long p) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) p;
      p >>>= 8;
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
