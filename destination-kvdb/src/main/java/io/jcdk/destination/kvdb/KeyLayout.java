package io.jcdk.destination.kvdb;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The key names both stores use; {@code docs/destination-kvdb.md} describes them for users. Every
 * key starts with {@code jcdk:} so the destination can share a Redis database with other data.
 *
 * <pre>
 *   jcdk:format                        the layout version ("1" Redis, "2" embedded), checked on open
 *   jcdk:streams                       (Redis only) set of the stream keys below
 *   jcdk:stream:&lt;stream&gt;               the stream's {@link StreamMeta} as JSON
 *   jcdk:data:&lt;stream&gt;:&lt;generation&gt;   one generation's entries (see the stores)
 *   jcdk:resume:&lt;stream&gt;               the {@link ResumePoint} of the stream's staged overwrite, as JSON
 *   jcdk:probe:&lt;uuid&gt;                  written, read and deleted by check
 * </pre>
 *
 * {@code <stream>} is {@link StreamKey#encoded()}; it never contains {@code :}. The embedded store
 * keeps the entries of {@code jcdk:data:} in RocksDB's default column family and the other keys in
 * the column family {@code meta}.
 */
final class KeyLayout {

  /** The layout version of a Redis store. */
  static final String REDIS_FORMAT_VERSION = "1";
  /** The layout version of an embedded store; 1 kept the other keys among the entries. */
  static final String EMBEDDED_FORMAT_VERSION = "2";
  static final byte[] FORMAT_KEY = bytes("jcdk:format");
  static final byte[] STREAM_INDEX_KEY = bytes("jcdk:streams");
  static final String META_PREFIX = "jcdk:stream:";

  private KeyLayout() {}

  static byte[] metaKey(StreamKey stream) {
    return bytes(META_PREFIX + stream.encoded());
  }

  /** The Redis key of a generation; in RocksDB the prefix (plus ':') of its entries' keys. */
  static byte[] dataKey(StreamKey stream, long generation) {
    return bytes("jcdk:data:" + stream.encoded() + ":" + generation);
  }

  static byte[] resumeKey(StreamKey stream) {
    return bytes("jcdk:resume:" + stream.encoded());
  }

  static byte[] probeKey() {
    return bytes("jcdk:probe:" + UUID.randomUUID());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
