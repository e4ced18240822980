package io.jcdk.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The member names of the objects a {@link RecordScanner} is inside, to find a name that repeats
 * in one object (which the mapper refuses, and which a reader that keeps the last one, or the
 * first, would read differently). Names are compared as decoded: one with an escape is decoded
 * first, so {@code "id"} and {@code "\u0069d"} are the same name.
 *
 * <p>Most objects have a few names, and this runs for every one of them, so the common case is
 * made cheap: per nesting depth, a 64-bit mask with one bit per name (picked from its length and
 * first eight bytes, read at once) and the names' positions. Only a name whose bit is set already
 * is compared with the object's earlier names: by length and first eight bytes, then byte by
 * byte if it is longer. From {@value #SMALL} names on, an object's names go to a hash table
 * instead, so wide objects stay linear.
 */
final class MemberNames {

  /** Names an object holds before they move to a hash table. */
  static final int SMALL = 32;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Level[] levels = new Level[8];
  /** The line being scanned: where the names without escapes are. */
  private byte[] line;

  /** A new line is scanned; its bytes stay unchanged while it is. */
  void line(byte[] b) {
    line = b;
  }

  /** An object starts at {@code depth}: it has no names yet. */
  void open(int depth) {
    if (depth == levels.length) {
      levels = Arrays.copyOf(levels, depth * 2);
    }
    Level level = levels[depth];
    if (level == null) {
      level = levels[depth] = new Level();
    }
    level.mask = 0;
    level.count = 0;
    if (level.decoded.length > 0) {
      level.decoded = new byte[0][];
    }
  }

  /** Adds the name {@code line[from, to)} to the object open at {@code depth}; false if it has it already. */
  boolean add(int depth, int from, int to) {
    return add(levels[depth], line, from, to - from, -1);
  }

  /** Adds a name that had an escape, decoded; false if the object open at {@code depth} has it already. */
  boolean addDecoded(int depth, byte[] name) {
    Level level = levels[depth];
    int index = level.decoded.length;
    level.decoded = Arrays.copyOf(level.decoded, index + 1); // rare: escapes in names are
    level.decoded[index] = name;
    return add(level, name, 0, name.length, index);
  }

  /** {@code decoded} is the name's index in {@link Level#decoded}, or -1 if it is in the line. */
  private static boolean add(Level level, byte[] b, int from, int length, int decoded) {
    int count = level.count;
    if (count >= SMALL) {
      return level.table.add(b, from, length);
    }
    long head = head(b, from, length);
    long bit = 1L << (int) ((head * 0x9E3779B97F4A7C15L) >>> 58);
    if ((level.mask & bit) != 0 && level.contains(b, from, length, head)) {
      return false;
    }
    level.mask |= bit;
    level.heads[count] = head;
    level.starts[count] = decoded < 0 ? from : -1 - decoded;
    level.lengths[count] = length;
    level.count = count + 1;
    if (count + 1 == SMALL) {
      level.table.open();
      for (int i = 0; i < SMALL; i++) {
        level.table.add(level.bytes(i), Math.max(level.starts[i], 0), level.lengths[i]);
      }
    }
    return true;
  }

  /**
   * The name's first (up to) eight bytes and its length in one long: equal for equal names, and for
   * names of up to seven bytes equal only for equal names.
   */
  private static long head(byte[] b, int from, int length) {
    long x;
    if (from + 8 <= b.length) {
      x = (long) LONGS.get(b, from);
      if (length < 8) {
        x &= (1L << (length << 3)) - 1;
      }
    } else {
      x = 0;
      for (int k = Math.min(length, 8) - 1; k >= 0; k--) {
        x = x << 8 | b[from + k] & 0xff;
      }
    }
    return x ^ (long) length << 56 ^ (long) length * 0x9E3779B97F4A7C15L;
  }

  private final class Level {
    long mask;
    int count;
    final long[] heads = new long[SMALL];
    /** Where each name starts in the line, or -1 - its index in {@link #decoded}. */
    final int[] starts = new int[SMALL];
    final int[] lengths = new int[SMALL];
    byte[][] decoded = new byte[0][];
    final Table table = new Table();

    byte[] bytes(int i) {
      return starts[i] >= 0 ? line : decoded[-1 - starts[i]];
    }

    boolean contains(byte[] b, int from, int length, long head) {
      for (int i = 0; i < count; i++) {
        if (heads[i] == head && lengths[i] == length) {
          int start = Math.max(starts[i], 0);
          if (length < 8 || Arrays.equals(bytes(i), start, start + length, b, from, from + length)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Open addressing on a hash of the length and the first and last eight bytes. */
  private static final class Table {
    private int[] stamps = new int[2 * SMALL];
    private long[] hashes = new long[2 * SMALL];
    private byte[][] arrays = new byte[2 * SMALL][];
    private int[] starts = new int[2 * SMALL];
    private int[] lengths = new int[2 * SMALL];
    /** The entries of the object open now carry this stamp; older ones are free slots. */
    private int stamp;
    private int count;

    void open() {
      if (++stamp == 0) { // after four billion objects: stamps start over, on a clean table
        Arrays.fill(stamps, 0);
        stamp = 1;
      }
      count = 0;
    }

    boolean add(byte[] b, int from, int length) {
      if (2 * (count + 1) > stamps.length) {
        grow();
      }
      long h = hash(b, from, length);
      int mask = stamps.length - 1;
      int i = (int) h & mask;
      while (stamps[i] == stamp) {
        if (hashes[i] == h && lengths[i] == length
            && Arrays.equals(arrays[i], starts[i], starts[i] + length, b, from, from + length)) {
          return false;
        }
        i = (i + 1) & mask;
      }
      stamps[i] = stamp;
      hashes[i] = h;
      arrays[i] = b;
      starts[i] = from;
      lengths[i] = length;
      count++;
      return true;
    }

    private static long hash(byte[] b, int from, int length) {
      long x;
      if (length >= 8) {
        x = (long) LONGS.get(b, from) * 0x9E3779B97F4A7C15L ^ (long) LONGS.get(b, from + length - 8);
      } else {
        x = 0;
        for (int k = length - 1; k >= 0; k--) {
          x = x << 8 | b[from + k] & 0xff;
        }
      }
      long h = (x + length) * 0xC2B2AE3D27D4EB4FL;
      return h ^ h >>> 31;
    }

    /** Twice the slots; the open object's names move over, older ones are dropped. */
    private void grow() {
      int[] oldStamps = stamps;
      long[] oldHashes = hashes;
      byte[][] oldArrays = arrays;
      int[] oldStarts = starts;
      int[] oldLengths = lengths;
      int size = oldStamps.length * 2;
      stamps = new int[size];
      hashes = new long[size];
      arrays = new byte[size][];
      starts = new int[size];
      lengths = new int[size];
      for (int j = 0; j < oldStamps.length; j++) {
        if (oldStamps[j] == stamp) {
          int i = (int) oldHashes[j] & (size - 1);
          while (stamps[i] == stamp) {
            i = (i + 1) & (size - 1);
          }
          stamps[i] = stamp;
          hashes[i] = oldHashes[j];
          arrays[i] = oldArrays[j];
          starts[i] = oldStarts[j];
          lengths[i] = oldLengths[j];
        }
      }
    }
  }
}
