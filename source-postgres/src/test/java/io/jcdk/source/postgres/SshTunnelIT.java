package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.source.CheckpointPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSH tunnel against a real SSH server on loopback (Apache MINA SSHD's server, started here):
 * password and key authentication, and the failures check reports.
 */
class SshTunnelIT {

  private static final AtomicInteger FORWARDS = new AtomicInteger();
  private static SshServer server;
  private static KeyPair ed25519;
  private static KeyPair rsa;
  private static TestPostgres db;

  @BeforeAll
  static void startServer() throws Exception {
    ed25519 = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
    server.setPasswordAuthenticator((user, password, session) -> user.equals("tunnel") && password.equals("secret"));
    server.setPublickeyAuthenticator((user, key, session) -> user.equals("tunnel")
        && (KeyUtils.compareKeys(key, ed25519.getPublic()) || KeyUtils.compareKeys(key, rsa.getPublic())));
    server.setForwardingFilter(new AcceptAllForwardingFilter() {
      @Override
      public boolean canConnect(TcpForwardingFilter.Type type, SshdSocketAddress address, Session session) {
        FORWARDS.incrementAndGet();
        return super.canConnect(type, address, session);
      }
    });
    server.start();
    db = TestPostgres.create("ssh");
    db.execute("CREATE TABLE tunneled (id int PRIMARY KEY)", "INSERT INTO tunneled SELECT generate_series(1, 100)");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop(true);
  }

  private static PostgresConfig through(TunnelConfig tunnel) {
    return db.config().withTunnel(tunnel);
  }

  private static String openSsh(KeyPair pair) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", (OpenSSHKeyEncryptionContext) null, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static String pkcs8Pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  void passwordTunnelChecksAndReads() {
    int before = FORWARDS.get();
    PostgresConfig config = through(new TunnelConfig.SshPassword("127.0.0.1", server.getPort(), "tunnel", "secret"));
    AirbyteConnectionStatus status = new PostgresSource().check(config);
    assertThat(status.status()).as(status.message()).isEqualTo(Status.SUCCEEDED);
    SyncOutput out = SyncOutput.read(config,
        Catalogs.fullRefresh(Catalogs.stream(new PostgresSource().discover(config), "tunneled")), List.of(),
        CheckpointPolicy.DEFAULT).assertSucceeded();
    assertThat(out.records("tunneled")).hasSize(100);
    assertThat(FORWARDS.get()).isGreaterThan(before);
  }

  @Test
  void keyTunnelAcceptsOpenSshAndPemKeys() throws Exception {
    for (String key : List.of(openSsh(ed25519), openSsh(rsa), pkcs8Pem(rsa))) {
      PostgresConfig config = through(new TunnelConfig.SshKey("127.0.0.1", server.getPort(), "tunnel", key));
      AirbyteConnectionStatus status = new PostgresSource().check(config);
      assertThat(status.status()).as(status.message()).isEqualTo(Status.SUCCEEDED);
    }
  }

  @Test
  void checkReportsFailedWhenTheSshPasswordIsWrong() {
    AirbyteConnectionStatus status = new PostgresSource().check(
        through(new TunnelConfig.SshPassword("127.0.0.1", server.getPort(), "tunnel", "wrong")));
    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).contains("refused user 'tunnel'").contains("tunnel_user_password")
        .doesNotContain("wrong");
  }

  @Test
  void checkReportsFailedWhenTheSshKeyIsUnknownOrGarbage() throws Exception {
    KeyPair stranger = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    AirbyteConnectionStatus unknown = new PostgresSource().check(
        through(new TunnelConfig.SshKey("127.0.0.1", server.getPort(), "tunnel", openSsh(stranger))));
    assertThat(unknown.status()).isEqualTo(Status.FAILED);
    assertThat(unknown.message()).contains("refused user 'tunnel'").contains("ssh_key");
    AirbyteConnectionStatus garbage = new PostgresSource().check(
        through(new TunnelConfig.SshKey("127.0.0.1", server.getPort(), "tunnel", "not a key")));
    assertThat(garbage.status()).isEqualTo(Status.FAILED);
    assertThat(garbage.message()).contains("tunnel_method.ssh_key");
  }

  @Test
  void checkReportsFailedWhenTheSshServerIsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AirbyteConnectionStatus status = new PostgresSource().check(
        through(new TunnelConfig.SshPassword("127.0.0.1", port, "tunnel", "secret")));
    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).contains("Could not reach the SSH server 127.0.0.1:" + port);
  }
}
