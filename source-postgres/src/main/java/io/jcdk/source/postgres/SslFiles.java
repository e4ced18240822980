package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * pgjdbc reads certificates and keys from files, the config holds them as PEM text: this writes
 * them to a private temporary directory ({@code rwx------}) and sets the matching pgjdbc
 * properties. The client certificate and key become one PKCS#12 key store, the one format pgjdbc
 * reads without extra libraries; the key may be PKCS#8, PKCS#1 or SEC1 PEM (parsed by MINA SSHD).
 */
final class SslFiles implements AutoCloseable {

  private final Path directory;

  private SslFiles(Path directory) {
    this.directory = directory;
  }

  /** Sets {@code sslmode} and, for certificates, writes the files and their properties. */
  static SslFiles apply(SslConfig ssl, Properties properties) {
    properties.setProperty("sslmode", ssl.mode().value());
    if (ssl.caCertificate().isEmpty() && ssl.clientCertificate().isEmpty()) {
      return new SslFiles(null);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("jcdk-pg-ssl", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the SSL certificates", e);
    }
    SslFiles files = new SslFiles(dir);
    try {
      if (ssl.caCertificate().isPresent()) {
        Path ca = dir.resolve("root.crt");
        certificates(ssl.caCertificate().get(), "ssl_mode.ca_certificate");
        Files.writeString(ca, ssl.caCertificate().get());
        properties.setProperty("sslrootcert", ca.toString());
      }
      if (ssl.clientCertificate().isPresent()) {
        String password = ssl.clientKeyPassword().orElseGet(SslFiles::randomPassword);
        Path store = dir.resolve("client.p12");
        writeKeyStore(ssl.clientCertificate().get(), ssl.clientKey().orElseThrow(), password, store);
        properties.setProperty("sslkey", store.toString());
        properties.setProperty("sslpassword", password);
      }
      return files;
    } catch (IOException e) {
      files.close();
      throw new UncheckedIOException("cannot write the SSL certificates", e);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
  }

  private static Collection<? extends Certificate> certificates(String pem, String field) {
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate found");
      }
      return certs;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ConnectorException.config(field + " is not a PEM certificate (" + e.getMessage() + "); paste it"
          + " from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.", e);
    }
  }

  // pgjdbc's PKCS12KeyManager looks the key up under the alias "user".
  private static void writeKeyStore(String certificatePem, String keyPem, String password, Path store)
      throws IOException {
    Certificate[] chain = certificates(certificatePem, "ssl_mode.client_certificate").toArray(new Certificate[0]);
    KeyPair key;
    try {
      key = SshTunnel.keyPair(keyPem);
    } catch (ConnectorException e) {
      throw ConnectorException.config("ssl_mode.client_key cannot be read; use an unencrypted PEM private key"
          + " (PKCS#8, PKCS#1 or SEC1).", e);
    }
    try (OutputStream out = Files.newOutputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("user", key.getPrivate(), password.toCharArray(), chain);
      ks.store(out, password.toCharArray());
    } catch (GeneralSecurityException e) {
      throw ConnectorException.config("ssl_mode.client_key does not fit client_certificate (" + e.getMessage()
          + "); give the key of that certificate.", e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the directory is private to this user and lives in the temp folder.
    }
  }
}
