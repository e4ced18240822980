package io.jcdk.source.postgres;

import java.util.Objects;

/** {@code tunnel_method}: connect directly, or through an SSH server with a key or a password. */
public sealed interface TunnelConfig permits TunnelConfig.None, TunnelConfig.Ssh {

  /** {@code NO_TUNNEL}. */
  record None() implements TunnelConfig {}

  /**
   * Through an SSH server: {@code tunnel_host}, {@code tunnel_port}, {@code tunnel_user}, and the
   * host keys it must present ({@code tunnel_host_key}; {@link HostKeyPins#NONE} to accept any).
   */
  sealed interface Ssh extends TunnelConfig permits SshKey, SshPassword {
    String host();

    int port();

    String user();

    HostKeyPins hostKeys();
  }

  /** {@code SSH_KEY_AUTH}: authenticates with {@code ssh_key}. */
  record SshKey(String host, int port, String user, String privateKey, HostKeyPins hostKeys) implements Ssh {
    public SshKey {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(hostKeys, "hostKeys");
    }

    /** Without host key pins. */
    public SshKey(String host, int port, String user, String privateKey) {
      this(host, port, user, privateKey, HostKeyPins.NONE);
    }

    @Override
    public String toString() {
      return "SshKey[" + user + "@" + host + ":" + port + (hostKeys.isEmpty() ? "" : ", host key " + hostKeys) + "]";
    }
  }

  /** {@code SSH_PASSWORD_AUTH}: authenticates with {@code tunnel_user_password}. */
  record SshPassword(String host, int port, String user, String password, HostKeyPins hostKeys) implements Ssh {
    public SshPassword {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(hostKeys, "hostKeys");
    }

    /** Without host key pins. */
    public SshPassword(String host, int port, String user, String password) {
      this(host, port, user, password, HostKeyPins.NONE);
    }

    @Override
    public String toString() {
      return "SshPassword[" + user + "@" + host + ":" + port + (hostKeys.isEmpty() ? "" : ", host key " + hostKeys)
          + "]";
    }
  }
}
