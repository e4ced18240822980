package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
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
  private static List<KeyPair> hostKeys;
  private static TestPostgres db;

  @BeforeAll
  static void startServer() throws Exception {
    ed25519 = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    // A host key of each kind, as an OpenSSH server has: the client negotiates one of them.
    hostKeys = List.of(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256),
        KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256),
        KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048));
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
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

  private static TunnelConfig pinned(String hostKey) {
    return new TunnelConfig.SshPassword("127.0.0.1", server.getPort(), "tunnel", "secret",
        HostKeyPins.parse(hostKey));
  }

  private static AirbyteConnectionStatus check(TunnelConfig tunnel) {
    return new PostgresSource().check(through(tunnel));
  }

  @Test
  void aPinnedHostKeyOfEveryKindIsVerifiedAsAKnownHostsLineOrAPublicKey() {
    for (KeyPair host : hostKeys) {
      String key = PublicKeyEntry.toString(host.getPublic());
      for (String pin : List.of("[127.0.0.1]:" + server.getPort() + " " + key, key + " root@bastion")) {
        AirbyteConnectionStatus status = check(pinned(pin));
        assertThat(status.status()).as(pin + ": " + status.message()).isEqualTo(Status.SUCCEEDED);
      }
    }
  }

  @Test
  void fingerprintsAsSshKeygenPrintsThemAreVerified() {
    StringBuilder keygen = new StringBuilder("# ssh-keyscan -p PORT 127.0.0.1 | ssh-keygen -lf -\n");
    for (KeyPair host : hostKeys) {
      keygen.append("256 ").append(KeyUtils.getFingerPrint(host.getPublic())).append(" 127.0.0.1 (X)\n");
    }
    AirbyteConnectionStatus status = check(pinned(keygen.toString()));
    assertThat(status.status()).as(status.message()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aHostKeyMismatchIsAConfigErrorShowingTheKeyTheServerOffered() throws Exception {
    PublicKey impostorsPin = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic();
    int before = FORWARDS.get();
    AirbyteConnectionStatus status = check(pinned(PublicKeyEntry.toString(impostorsPin)));
    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).contains("tunnel_method.tunnel_host_key")
        .contains("ssh-ed25519 " + KeyUtils.getFingerPrint(hostKeys.get(0).getPublic()))
        .contains(KeyUtils.getFingerPrint(impostorsPin));
    assertThat(FORWARDS.get()).as("no port may be forwarded to an unverified server").isEqualTo(before);

    SyncOutput read = SyncOutput.read(through(pinned(KeyUtils.getFingerPrint(impostorsPin))),
        Catalogs.fullRefresh(Catalogs.stream(new PostgresSource().discover(through(
            new TunnelConfig.SshPassword("127.0.0.1", server.getPort(), "tunnel", "secret"))), "tunneled")),
        List.of(), CheckpointPolicy.DEFAULT);
    assertThat(read.failure()).isInstanceOf(ConnectorException.class).hasMessageContaining("tunnel_host_key");
    assertThat(((ConnectorException) read.failure()).failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(read.records("tunneled")).isEmpty();
  }

  @Test
  void anUnpinnedTunnelWarnsOncePerSyncThatTheHostIsUnverified() {
    PostgresConfig config = through(new TunnelConfig.SshPassword("127.0.0.1", server.getPort(), "tunnel", "secret"));
    var catalog = Catalogs.fullRefresh(Catalogs.stream(new PostgresSource().discover(config), "tunneled"));
    try (LogCapture log = LogCapture.of(SshTunnel.class)) {
      SyncOutput.read(config, catalog, List.of(), CheckpointPolicy.DEFAULT).assertSucceeded();
      assertThat(log.warnings()).singleElement().asString().contains("127.0.0.1:" + server.getPort())
          .contains("not verified").contains("tunnel_host_key")
          .containsAnyOf(hostKeys.stream().map(k -> KeyUtils.getFingerPrint(k.getPublic())).toArray(String[]::new));
    }
  }

  @Test
  void aHostKeyThatIsNoKeyIsAConfigErrorNamingTheField() {
    assertThatThrownBy(() -> HostKeyPins.parse("ssh-ed25519 not-base64!"))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("tunnel_method.tunnel_host_key")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> HostKeyPins.parse("hello"))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("ssh-keyscan");
  }
}
