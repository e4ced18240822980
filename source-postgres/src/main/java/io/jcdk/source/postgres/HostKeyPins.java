package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * {@code tunnel_method.tunnel_host_key}: the SSH server host keys a tunnel accepts, as public keys
 * or fingerprints. Empty: the server is not verified.
 *
 * <p>The text holds one entry per line, in any of the forms people have at hand: known_hosts lines
 * (what {@code ssh-keyscan -p PORT HOST} prints; the host names are not compared, the key is the
 * pin), public keys ({@code ssh-ed25519 AAAA… comment}, a {@code .pub} file), or fingerprints
 * ({@code SHA256:…} or {@code MD5:…}, alone or as {@code ssh-keygen -lf} prints them). Lines
 * starting with {@code #} are comments.
 *
 * @param keys the pinned public keys
 * @param fingerprints the pinned fingerprints, with their digest prefix
 */
public record HostKeyPins(List<PublicKey> keys, List<String> fingerprints) {

  /** No pin: any host key is accepted, with a warning. */
  public static final HostKeyPins NONE = new HostKeyPins(List.of(), List.of());

  private static final String FIELD = "tunnel_method.tunnel_host_key";

  public HostKeyPins {
    keys = List.copyOf(keys);
    fingerprints = List.copyOf(fingerprints);
  }

  /** Parses the field's text; a line that holds no key or fingerprint is a config error naming it. */
  public static HostKeyPins parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<PublicKey> keys = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    String[] lines = text.strip().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@")) {
        throw ConnectorException.config(FIELD + ", line " + (i + 1) + ": known_hosts markers (@cert-authority,"
            + " @revoked) are not supported; give the server's own host keys.");
      }
      String[] tokens = line.split("\\s+");
      int type = keyTypeIndex(tokens);
      if (type >= 0 && type + 1 < tokens.length) {
        keys.add(publicKey(tokens[type] + " " + tokens[type + 1], i + 1));
      } else if (fingerprint(tokens) != null) {
        fingerprints.add(fingerprint(tokens));
      } else {
        throw ConnectorException.config(FIELD + ", line " + (i + 1) + ": no host key or fingerprint found. Give"
            + " known_hosts lines (the output of 'ssh-keyscan -p PORT HOST'), public keys ('ssh-ed25519 AAAA…') or"
            + " fingerprints ('SHA256:…', as 'ssh-keygen -lf' prints them), one per line.");
      }
    }
    return new HostKeyPins(keys, fingerprints);
  }

  /** The index of the token naming a key type MINA can decode ({@code ssh-ed25519}...), or -1. */
  private static int keyTypeIndex(String[] tokens) {
    for (int i = 0; i < tokens.length; i++) {
      if (KeyUtils.getPublicKeyEntryDecoder(tokens[i]) != null) {
        return i;
      }
    }
    return -1;
  }

  private static String fingerprint(String[] tokens) {
    for (String t : tokens) {
      if (t.startsWith("SHA256:") || t.startsWith("MD5:")) {
        return t;
      }
    }
    return null;
  }

  private static PublicKey publicKey(String entry, int line) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(entry).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    } catch (Exception e) {
      throw ConnectorException.config(FIELD + ", line " + line + ": the key cannot be read (" + e.getMessage()
          + "); copy it whole, e.g. from the output of 'ssh-keyscan -p PORT HOST'.", e);
    }
  }

  public boolean isEmpty() {
    return keys.isEmpty() && fingerprints.isEmpty();
  }

  /** True when {@code offered} is one of the pinned keys or has one of the pinned fingerprints. */
  public boolean matches(PublicKey offered) {
    return keys.stream().anyMatch(k -> KeyUtils.compareKeys(k, offered))
        || fingerprints.stream().anyMatch(f -> KeyUtils.checkFingerPrint(f, offered).getKey());
  }

  /** The key types of the pinned keys ({@code ssh-rsa}, {@code ssh-ed25519}...); empty for fingerprints only. */
  public Set<String> keyTypes() {
    Set<String> types = new LinkedHashSet<>();
    keys.forEach(k -> types.add(KeyUtils.getKeyType(k)));
    return types;
  }

  /** {@code ssh-ed25519 SHA256:…}: a key as messages show it. */
  static String describe(PublicKey key) {
    return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
  }

  /** The pins as messages show them: types and fingerprints, never the whole keys. */
  @Override
  public String toString() {
    List<String> all = new ArrayList<>();
    keys.forEach(k -> all.add(describe(k)));
    all.addAll(fingerprints);
    return String.join(", ", all);
  }
}
