package io.jcdk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.spec.Secret;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requester over TLS, as every real API is reached: a server in this JVM with a certificate
 * made by the JDK's keytool, trusted the way a user trusts a private CA (the JVM's default trust,
 * here set for this class only).
 */
class HttpsRequesterTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Secret TOKEN = Secret.of("api_token", "tok_tls_93c1");

  @TempDir
  static Path dir;

  private static SSLSocketFactory previousDefault;
  private static KeyStore trusted;

  @BeforeAll
  static void trustTheTestCertificates() throws Exception {
    previousDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
    trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (String name : List.of("right", "elsewhere")) {
      trusted.setCertificateEntry(name, keyStore(name).getCertificate(name));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    HttpsURLConnection.setDefaultSSLSocketFactory(client.getSocketFactory());
  }

  @AfterAll
  static void restoreTheDefaultTrust() {
    HttpsURLConnection.setDefaultSSLSocketFactory(previousDefault);
  }

  /** A key pair and self-signed certificate: "right" names 127.0.0.1, "elsewhere" another host. */
  private static KeyStore keyStore(String name) throws Exception {
    Path file = dir.resolve(name + ".p12");
    if (!Files.exists(file)) {
      String san = name.equals("right") ? "ip:127.0.0.1" : "dns:elsewhere.example";
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
          "-ext", "SAN=" + san, "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
          "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("keytool: %s", output).isZero();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  private static HttpsServer server(String certificate, List<String> authorizations) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore(certificate), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/users", ex -> {
      authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
      TestApi.json(ex, "{\"users\":[{\"id\":1}]}");
    });
    server.start();
    return server;
  }

  @Test
  void aGetOverTlsCarriesTheCredentialsAndReadsTheBody() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpsServer server = server("right", authorizations);
    try {
      HttpRequester http = HttpRequester.builder("https://127.0.0.1:" + server.getAddress().getPort())
          .authenticator(Authenticator.bearer(TOKEN)).build();

      assertThat(http.json(http.get("/users")).at("/users/0/id").asInt()).isEqualTo(1);
      assertThat(authorizations).containsExactly("Bearer " + TOKEN.value());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aCertificateForAnotherHostIsAConfigErrorAtOnce() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpsServer server = server("elsewhere", authorizations);
    try {
      List<Duration> waits = new CopyOnWriteArrayList<>();
      HttpRequester http = HttpRequester.builder("https://127.0.0.1:" + server.getAddress().getPort())
          .authenticator(Authenticator.bearer(TOKEN)).sleeper(waits::add).build();

      ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> http.json(http.get("/users")));
      assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
      assertThat(e.getMessage()).contains("The TLS handshake for GET https://127.0.0.1:")
          .contains("127.0.0.1").doesNotContain(TOKEN.value());
      assertThat(waits).isEmpty();
      assertThat(authorizations).isEmpty();
    } finally {
      server.stop(0);
    }
  }
}
