package io.jcdk.source.postgres;

import java.util.Objects;

/** {@code tunnel_method}: connect directly, or through an SSH server with a key or a password. */
public sealed interface TunnelConfig permits TunnelConfig.None, TunnelConfig.SshKey, TunnelConfig.SshPassword {

  /** {@code NO_TUNNEL}. */
  record None() implements TunnelConfig {}

  /** {@code SSH_KEY_AUTH}: {@code tunnel_host}, {@code tunnel_port}, {@code tunnel_user}, {@code ssh_key}. */
  record SshKey(String host, int port, String user, String privateKey) implements TunnelConfig {
    public SshKey {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
      return "SshKey[" + user + "@" + host + ":" + port + "]";
    }
  }

  /** {@code SSH_PASSWORD_AUTH}: {@code tunnel_host}, {@code tunnel_port}, {@code tunnel_user}, {@code tunnel_user_password}. */
  record SshPassword(String host, int port, String user, String password) implements TunnelConfig {
    public SshPassword {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "SshPassword[" + user + "@" + host + ":" + port + "]";
    }
  }
}
