package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * A local port forwarded through an SSH server to the database ({@code ssh -L}), with Apache MINA
 * SSHD. JDBC and replication connections then go to {@code localhost:}{@link #localPort()}.
 *
 * <p>The SSH server must present one of the host keys of {@code tunnel_host_key} ({@link
 * HostKeyPins}); another key is a config error that shows the key offered, before any password is
 * sent. The client then offers only the pinned key types, so a server with several host keys
 * presents the pinned one. Without pins (as in Airbyte's connector, whose spec has no such field)
 * any key is accepted with one warning per sync: whoever can intercept the connection to the SSH
 * server could pose as it and receive the database password and the data. The session sends
 * keepalives and never times out on idleness, because a CDC sync may wait minutes for the first
 * change.
 */
final class SshTunnel implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SshTunnel.class.getName());
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
  static SshTunnel open(TunnelConfig.Ssh tunnel, String targetHost, int targetPort) {
    String server = tunnel.host() + ":" + tunnel.port();
    HostKeyPins pins = tunnel.hostKeys();
    AtomicReference<PublicKey> offered = new AtomicReference<>();
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((session, address, key) -> {
      offered.set(key);
      return pins.isEmpty() || pins.matches(key);
    });
    offerOnly(client, pins.keyTypes());
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
    client.start();
    ClientSession session = null;
    try {
      try {
        session = client.connect(tunnel.user(), tunnel.host(), tunnel.port()).verify(CONNECT_TIMEOUT).getSession();
        // The key exchange, and with it the host key check, completes before any identity is added.
        session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), CONNECT_TIMEOUT);
      } catch (IOException e) {
        throw ConnectorException.config("Could not reach the SSH server " + server + " (" + e.getMessage()
            + "); check tunnel_method.tunnel_host and tunnel_port.", e);
      }
      PublicKey key = offered.get();
      if (key != null && !pins.isEmpty() && !pins.matches(key)) {
        throw ConnectorException.config("The SSH server " + server + " offered the host key "
            + HostKeyPins.describe(key) + ", which is not among tunnel_method.tunnel_host_key (" + pins + "). If"
            + " the server's key was replaced on purpose, put the new one there (ssh-keyscan -p " + tunnel.port()
            + " " + tunnel.host() + "); otherwise someone may be intercepting the connection to it.");
      }
      if (tunnel instanceof TunnelConfig.SshKey k) {
        session.addPublicKeyIdentity(keyPair(k.privateKey()));
      } else {
        session.addPasswordIdentity(((TunnelConfig.SshPassword) tunnel).password());
      }
      try {
        session.auth().verify(CONNECT_TIMEOUT);
      } catch (IOException e) {
        throw ConnectorException.config("The SSH server " + server + " refused user '" + tunnel.user() + "' ("
            + e.getMessage() + "); check tunnel_method.tunnel_user and the "
            + (tunnel instanceof TunnelConfig.SshKey ? "ssh_key" : "tunnel_user_password") + ".", e);
      }
      if (pins.isEmpty()) {
        LOG.warning(() -> "The SSH server " + server + " is not verified: tunnel_method.tunnel_host_key is empty, so"
            + " whoever can intercept the connection to it could pose as it and receive the database password and"
            + " data. It offered the host key " + (key == null ? "(none seen)" : HostKeyPins.describe(key))
            + "; once you have checked that this is its key (ssh-keygen -lf on the server's host key file), put the"
            + " fingerprint, or the output of 'ssh-keyscan -p " + tunnel.port() + " " + tunnel.host() + "', in"
            + " tunnel_host_key.");
      }
      SshdSocketAddress local;
      try {
        local = session.startLocalPortForwarding(
            new SshdSocketAddress("localhost", 0), new SshdSocketAddress(targetHost, targetPort));
      } catch (IOException e) {
        throw ConnectorException.config("The SSH server " + server + " did not forward a port to "
            + targetHost + ":" + targetPort + " (" + e.getMessage() + "); check that it allows TCP forwarding.", e);
      }
      return new SshTunnel(client, session, local);
    } catch (RuntimeException e) {
      closeQuietly(session, client);
      throw e;
    }
  }

  /**
   * Offers only the host key algorithms of the pinned key types (an RSA key signs as rsa-sha2-512,
   * rsa-sha2-256 or ssh-rsa), so that a server with several host keys presents a pinned one.
   */
  private static void offerOnly(SshClient client, Set<String> keyTypes) {
    if (keyTypes.isEmpty()) {
      return;
    }
    Set<String> algorithms = new HashSet<>(keyTypes);
    if (keyTypes.contains(KeyPairProvider.SSH_RSA)) {
      algorithms.addAll(List.of(KeyUtils.RSA_SHA512_KEY_TYPE_ALIAS, KeyUtils.RSA_SHA256_KEY_TYPE_ALIAS));
    }
    List<NamedFactory<Signature>> offered = client.getSignatureFactories().stream()
        .filter(f -> algorithms.contains(f.getName())).toList();
    if (!offered.isEmpty()) {
      client.setSignatureFactories(offered);
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
