package io.jcdk.source.postgres;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code ssl_mode}: the mode and, for the verifying modes, PEM certificates and key.
 *
 * @param mode {@code ssl_mode.mode}
 * @param caCertificate {@code ca_certificate}, required by verify-ca and verify-full
 * @param clientCertificate {@code client_certificate}, for certificate authentication
 * @param clientKey {@code client_key}, the private key of the client certificate
 * @param clientKeyPassword {@code client_key_password}: the password of the PKCS#12 key store the
 *     connector builds from certificate and key (generated when absent)
 */
public record SslConfig(
    Mode mode,
    Optional<String> caCertificate,
    Optional<String> clientCertificate,
    Optional<String> clientKey,
    Optional<String> clientKeyPassword) {

  public static final SslConfig PREFER = of(Mode.PREFER);

  public SslConfig {
    Objects.requireNonNull(mode, "mode");
  }

  /** Certificates and keys stay out of logs. */
  @Override
  public String toString() {
    return "SslConfig[mode=" + mode.value() + ", ca_certificate=" + (caCertificate.isPresent() ? "****" : "none")
        + ", client_certificate=" + (clientCertificate.isPresent() ? "****" : "none") + "]";
  }

  public static SslConfig of(Mode mode) {
    return new SslConfig(mode, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The modes of libpq and pgjdbc, spelled as in the spec. */
  public enum Mode {
    DISABLE("disable"),
    ALLOW("allow"),
    PREFER("prefer"),
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full");

    private final String value;

    Mode(String value) {
      this.value = value;
    }

    /** The spelling in the spec and in pgjdbc's {@code sslmode}. */
    public String value() {
      return value;
    }

    static Mode fromSpec(String value) {
      for (Mode m : values()) {
        if (m.value.equals(value)) {
          return m;
        }
      }
      throw new IllegalArgumentException(value);
    }
  }
}
