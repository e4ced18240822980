package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Iterator;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * A local port forwarded through an SSH server to the database ({@code ssh -L}), with Apache MINA
 * SSHD. JDBC and replication connections then go to {@code localhost:}{@link #localPort()}.
 *
 * <p>The SSH server's host key is not verified (the config has no field for it, as in Airbyte's
 * connector): the tunnel protects the database traffic from the network between the SSH server and
 * the database, not from an impostor SSH server. The session sends keepalives and never times out
 * on idleness, because a CDC sync may wait minutes for the first change.
 */
final class SshTunnel implements AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final SshClient client;
  private final ClientSession session;
  private final SshdSocketAddress local;

  private SshTunnel(SshClient client, ClientSession session, SshdSocketAddress local) {
    this.client = client;
    this.session = session;
    this.local = local;
  }

  /** Opens the tunnel to {@code targetHost:targetPort} as the SSH server resolves them. */
  static SshTunnel open(TunnelConfig tunnel, String targetHost, int targetPort) {
    String host;
    int port;
    String user;
    if (tunnel instanceof TunnelConfig.SshKey k) {
      host = k.host();
      port = k.port();
      user = k.user();
    } else if (tunnel instanceof TunnelConfig.SshPassword p) {
      host = p.host();
      port = p.port();
      user = p.user();
    } else {
      throw new IllegalArgumentException("no tunnel configured");
    }
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
    client.start();
    ClientSession session = null;
    try {
      try {
        session = client.connect(user, host, port).verify(CONNECT_TIMEOUT).getSession();
      } catch (IOException e) {
        throw ConnectorException.config("Could not reach the SSH server " + host + ":" + port + " ("
            + e.getMessage() + "); check tunnel_method.tunnel_host and tunnel_port.", e);
      }
      if (tunnel instanceof TunnelConfig.SshKey k) {
        session.addPublicKeyIdentity(keyPair(k.privateKey()));
      } else {
        session.addPasswordIdentity(((TunnelConfig.SshPassword) tunnel).password());
      }
      try {
        session.auth().verify(CONNECT_TIMEOUT);
      } catch (IOException e) {
        throw ConnectorException.config("The SSH server " + host + ":" + port + " refused user '" + user + "' ("
            + e.getMessage() + "); check tunnel_method.tunnel_user and the "
            + (tunnel instanceof TunnelConfig.SshKey ? "ssh_key" : "tunnel_user_password") + ".", e);
      }
      SshdSocketAddress local;
      try {
        local = session.startLocalPortForwarding(
            new SshdSocketAddress("localhost", 0), new SshdSocketAddress(targetHost, targetPort));
      } catch (IOException e) {
        throw ConnectorException.config("The SSH server " + host + ":" + port + " did not forward a port to "
            + targetHost + ":" + targetPort + " (" + e.getMessage() + "); check that it allows TCP forwarding.", e);
      }
      return new SshTunnel(client, session, local);
    } catch (RuntimeException e) {
      closeQuietly(session, client);
      throw e;
    }
  }

  static KeyPair keyPair(String privateKey) {
    try {
      Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("ssh_key"),
          new ByteArrayInputStream(privateKey.strip().concat("\n").getBytes(StandardCharsets.UTF_8)), null);
      Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
      if (it == null || !it.hasNext()) {
        throw ConnectorException.config("tunnel_method.ssh_key holds no private key; paste the whole key file,"
            + " from -----BEGIN to -----END.");
      }
      return it.next();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof ConnectorException ce) {
        throw ce;
      }
      throw ConnectorException.config("tunnel_method.ssh_key cannot be read (" + e.getMessage() + "); use an"
          + " unencrypted key in OpenSSH or PEM format.", e);
    }
  }

  int localPort() {
    return local.getPort();
  }

  @Override
  public void close() {
    closeQuietly(session, client);
  }

  private static void closeQuietly(ClientSession session, SshClient client) {
    try {
      if (session != null) {
        session.close(true);
      }
    } finally {
      client.stop();
    }
  }
}
