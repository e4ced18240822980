package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * store.tls against a real TLS-only redis-server with a certificate from a throwaway CA. The jar
 * runs as a process so each run can have its own trust store.
 */
class RedisTlsIT {

  private static final Path JAR = Path.of("target/destination-kvdb.jar");
  private static Path certs;
  private static RedisServer redis;

  @TempDir Path dir;

  /** Starts the server with the first test, so that a missing redis-server or openssl skips each test with the reason. */
  @BeforeEach
  void startRedis() throws Exception {
    synchronized (RedisTlsIT.class) {
      if (redis == null) {
        start();
      }
    }
  }

  private static void start() throws Exception {
    certs = Files.createTempDirectory("kvdb-tls");
    redis = RedisServer.startTlsOrSkip(certs);
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-importcert", "-noprompt", "-alias", "ca", "-file", certs.resolve("ca.crt").toString(),
        "-keystore", certs.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "changeit")
        .redirectErrorStream(true).redirectOutput(certs.resolve("keytool.log").toFile()).start();
    assertThat(keytool.waitFor()).isZero();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void checkSucceedsWhenTheCertificateIsTrustedAndNamesTheHost() throws Exception {
    assertThat(check(redis.config("localhost", true, 0), true)).isEqualTo("SUCCEEDED");
  }

  @Test
  void checkExplainsAnUntrustedCertificate() throws Exception {
    assertThat(check(redis.config("localhost", true, 0), false)).startsWith("The TLS handshake with Redis at localhost:"
        + redis.port() + " failed (PKIX path building failed").endsWith("chains to a CA in the JVM's trust store.");
  }

  @Test
  void checkRefusesACertificateThatDoesNotNameTheHost() throws Exception {
    assertThat(check(redis.config("127.0.0.1", true, 0), true))
        .contains("The TLS handshake with Redis at 127.0.0.1:" + redis.port() + " failed")
        .contains("127.0.0.1");
  }

  @Test
  void checkSuggestsTlsWhenTheServerSpeaksOnlyTls() throws Exception {
    assertThat(check(redis.config("localhost", false, 0), true))
        .startsWith("Lost the connection to Redis at localhost:" + redis.port())
        .endsWith("If the server requires TLS, set store.tls to true.");
  }

  /** The status, or the message of a FAILED status. */
  private String check(String config, boolean trustTheCa) throws Exception {
    assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run mvn package (failsafe runs after it)");
    Path configFile = Files.writeString(dir.resolve("config.json"), config);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (trustTheCa) {
      command.add("-Djavax.net.ssl.trustStore=" + certs.resolve("trust.p12"));
      command.add("-Djavax.net.ssl.trustStorePassword=changeit");
    }
    command.addAll(List.of("-jar", JAR.toString(), "check", "--config", configFile.toString()));
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    for (String line : out.split("\n")) {
      JsonNode message = Json.parse(line);
      if ("CONNECTION_STATUS".equals(message.path("type").asText())) {
        JsonNode status = message.get("connectionStatus");
        return status.get("status").asText().equals("SUCCEEDED") ? "SUCCEEDED" : status.get("message").asText();
      }
    }
    throw new AssertionError("no CONNECTION_STATUS in " + out);
  }
}
