package io.jcdk.destination.kvdb;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The key names both stores use; {@code docs/destination-kvdb.md} describes them for users. Every
 * key starts with {@code jcdk:} so the destination can share a Redis database with other data.
 *
 * <pre>
 *   jcdk:format                        "1": the layout version, checked on open
 *   jcdk:streams                       (Redis only) set of the stream keys below
 *   jcdk:stream:&lt;stream&gt;               the stream's {@link StreamMeta} as JSON
 *   jcdk:data:&lt;stream&gt;:&lt;generation&gt;   one generation's entries (see the stores)
 *   jcdk:probe:&lt;uuid&gt;                  written, read and deleted by check
 * </pre>
 *
 * {@code <stream>} is {@link StreamKey#encoded()}; it never contains {@code :}.
 */
final class KeyLayout {

  static final String FORMAT_VERSION = "1";
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

  static byte[] probeKey() {
    return bytes("jcdk:probe:" + UUID.randomUUID());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
