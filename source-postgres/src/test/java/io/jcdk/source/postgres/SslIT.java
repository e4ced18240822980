package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a server with a certificate from a test CA (made with the JDK's keytool): the
 * verifying modes with ca_certificate, and client certificate authentication.
 */
class SslIT {

  private static final String PASS = "changeit";

  @TempDir
  static Path dir;
  private static EmbeddedPostgres server;
  private static String caPem;
  private static String otherCaPem;
  private static String clientPem;
  private static String clientKeyPem;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(TestPostgres.embedded(), "needs an embedded server configured for TLS");
    caPem = ca("ca");
    otherCaPem = ca("otherca");
    String serverPem = signed("server", "localhost", "SAN=dns:localhost,ip:127.0.0.1");
    Path key = dir.resolve("server.key");
    Files.writeString(key, pem(privateKey("server")));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("server.crt"), serverPem);
    Files.writeString(dir.resolve("ca.crt"), caPem);
    clientPem = signed("client", "cert_user", null);
    clientKeyPem = pem(privateKey("client"));
    server = EmbeddedPostgres.builder()
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", dir.resolve("server.crt").toString())
        .setServerConfig("ssl_key_file", key.toString())
        .setServerConfig("ssl_ca_file", dir.resolve("ca.crt").toString())
        .setDataDirectoryCustomizer(TestPostgres.pgHba(
            "local all all trust",
            "hostssl all cert_user 127.0.0.1/32 cert",
            "hostssl all cert_user ::1/128 cert",
            "hostssl all all 127.0.0.1/32 trust",
            "hostssl all all ::1/128 trust",
            "hostnossl all all 0.0.0.0/0 reject",
            "hostnossl all all ::/0 reject"))
        .start();
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE cert_user LOGIN");
      s.execute("CREATE TABLE secured (id int)");
      s.execute("GRANT SELECT ON secured TO cert_user");
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static PostgresConfig config(String user, SslConfig ssl) {
    return PostgresConfig.of("localhost", server.getPort(), "postgres", user, null).withSsl(ssl);
  }

  private static SslConfig ssl(SslConfig.Mode mode, String ca, String cert, String key) {
    return new SslConfig(mode, Optional.ofNullable(ca), Optional.ofNullable(cert), Optional.ofNullable(key),
        Optional.empty());
  }

  @Test
  void verifyFullSucceedsWithTheServersCa() {
    AirbyteConnectionStatus status = new PostgresSource().check(
        config("postgres", ssl(SslConfig.Mode.VERIFY_FULL, caPem, null, null)));
    assertThat(status.status()).as(status.message()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void verifyCaFailsWithAnotherCa() {
    AirbyteConnectionStatus status = new PostgresSource().check(
        config("postgres", ssl(SslConfig.Mode.VERIFY_CA, otherCaPem, null, null)));
    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).contains("localhost:" + server.getPort()).contains("ssl_mode");
  }

  @Test
  void requireEncryptsWithoutVerifyingAndDisableIsRejectedByTheServer() {
    assertThat(new PostgresSource().check(config("postgres", SslConfig.of(SslConfig.Mode.REQUIRE))).status())
        .isEqualTo(Status.SUCCEEDED);
    AirbyteConnectionStatus disabled = new PostgresSource().check(
        config("postgres", SslConfig.of(SslConfig.Mode.DISABLE)));
    assertThat(disabled.status()).isEqualTo(Status.FAILED);
    assertThat(disabled.message()).contains("no encryption");
  }

  @Test
  void theCdcGuidesSslModeEnableConnectsOverTls() throws Exception {
    // The server refuses every connection without TLS (hostnossl ... reject).
    String config = Files.writeString(dir.resolve("guide.json"), """
        {"host": "localhost", "port": %d, "database": "postgres", "username": "postgres",
         "ssl_mode": {"mode": "enable"}, "jdbc_url_params": "replication=postgres"}""".formatted(server.getPort()))
        .toString();
    CliRun run = CliRun.run(ConnectorCli.forSource(new PostgresSource()).errorClassifier(new PostgresErrorClassifier()),
        "", "check", "--config", config);
    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement().satisfies(m ->
        assertThat(m.connectionStatus().status()).as(m.connectionStatus().message()).isEqualTo(Status.SUCCEEDED));
  }

  @Test
  void clientCertificateAuthenticates() {
    AirbyteConnectionStatus withCert = new PostgresSource().check(
        config("cert_user", ssl(SslConfig.Mode.VERIFY_FULL, caPem, clientPem, clientKeyPem)));
    assertThat(withCert.status()).as(withCert.message()).isEqualTo(Status.SUCCEEDED);
    AirbyteConnectionStatus withoutCert = new PostgresSource().check(
        config("cert_user", ssl(SslConfig.Mode.VERIFY_FULL, caPem, null, null)));
    assertThat(withoutCert.status()).isEqualTo(Status.FAILED);
  }

  private static String ca(String alias) throws Exception {
    keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=jcdk " + alias,
        "-ext", "bc:c", "-validity", "2", "-keystore", store(alias), "-storetype", "PKCS12", "-storepass", PASS);
    keytool("-exportcert", "-alias", alias, "-rfc", "-file", dir.resolve(alias + ".pem").toString(), "-keystore",
        store(alias), "-storepass", PASS);
    return Files.readString(dir.resolve(alias + ".pem"));
  }

  private static String signed(String alias, String cn, String extension) throws Exception {
    keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + cn,
        "-validity", "2", "-keystore", store(alias), "-storetype", "PKCS12", "-storepass", PASS);
    keytool("-certreq", "-alias", alias, "-file", dir.resolve(alias + ".csr").toString(), "-keystore", store(alias),
        "-storepass", PASS);
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-infile",
        dir.resolve(alias + ".csr").toString(), "-outfile", dir.resolve(alias + ".pem").toString(), "-rfc",
        "-validity", "2", "-keystore", store("ca"), "-storepass", PASS));
    if (extension != null) {
      gencert.add("-ext");
      gencert.add(extension);
    }
    keytool(gencert.toArray(String[]::new));
    return Files.readString(dir.resolve(alias + ".pem"));
  }

  private static PrivateKey privateKey(String alias) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store(alias))) {
      ks.load(in, PASS.toCharArray());
    }
    return (PrivateKey) ks.getKey(alias, PASS.toCharArray());
  }

  private static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static String store(String alias) {
    return dir.resolve(alias + ".p12").toString();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
