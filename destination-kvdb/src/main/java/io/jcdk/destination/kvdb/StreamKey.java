package io.jcdk.destination.kvdb;

import io.jcdk.protocol.StreamDescriptor;
import java.nio.charset.StandardCharsets;

/**
 * A stream's name inside store keys: {@code namespace/name}, or just {@code name} without a
 * namespace. In both parts {@code %}, {@code /}, {@code :} and control characters are
 * percent-encoded (UTF-8 bytes, {@code %2F}), so the text is unambiguous and never contains the
 * {@code :} that separates the parts of a key; every other character, unicode included, stays
 * readable for people who look at the keys in {@code redis-cli}.
 *
 * @param namespace the stream's namespace, or null
 * @param name the stream's name
 * @param encoded the key text, e.g. {@code public/users} or {@code 2024%2F01/sales}
 */
public record StreamKey(String namespace, String name, String encoded) implements Comparable<StreamKey> {

  public static StreamKey of(StreamDescriptor stream) {
    return of(stream.namespace(), stream.name());
  }

  public static StreamKey of(String namespace, String name) {
    String encoded = namespace == null ? escape(name) : escape(namespace) + "/" + escape(name);
    return new StreamKey(namespace, name, encoded);
  }

  public StreamDescriptor descriptor() {
    return StreamDescriptor.of(namespace, name);
  }

  /** {@code namespace.name}, for messages to people. */
  public String displayName() {
    return namespace == null ? name : namespace + "." + name;
  }

  /** Streams without a namespace first, then by namespace and name. */
  @Override
  public int compareTo(StreamKey o) {
    return descriptor().compareTo(o.descriptor());
  }

  @Override
  public String toString() {
    return displayName();
  }

  static String escape(String part) {
    StringBuilder out = null;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean special = c == '%' || c == '/' || c == ':' || c < 0x20 || c == 0x7f;
      if (special && out == null) {
        out = new StringBuilder(part.length() + 8).append(part, 0, i);
      }
      if (special) {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? part : out.toString();
  }
}
