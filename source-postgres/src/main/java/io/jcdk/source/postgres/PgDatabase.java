package io.jcdk.source.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Where and how to connect for one config: the SSH tunnel (when configured) and the SSL files
 * live as long as this object; {@link #connect()} opens JDBC connections through them.
 *
 * <p>The {@code cdc} package opens its replication connection with {@link #jdbcUrl()} and {@link
 * #properties()} plus pgjdbc's replication properties, so it goes through the same tunnel, TLS and
 * session settings ({@link PgSessionSettings}).
 */
public final class PgDatabase implements AutoCloseable {

  private static final String APPLICATION_NAME = "jcdk-source-postgres";

  private final PostgresConfig config;
  private final SshTunnel tunnel;
  private final SslFiles sslFiles;
  private final String url;
  private final Properties properties;

  private PgDatabase(PostgresConfig config, SshTunnel tunnel, SslFiles sslFiles, String url, Properties properties) {
    this.config = config;
    this.tunnel = tunnel;
    this.sslFiles = sslFiles;
    this.url = url;
    this.properties = properties;
  }

  /** Starts the tunnel if the config has one; throws a config error when the SSH server refuses. */
  public static PgDatabase open(PostgresConfig config) {
    SshTunnel tunnel = config.tunnel() instanceof TunnelConfig.Ssh ssh
        ? SshTunnel.open(ssh, config.host(), config.port())
        : null;
    try {
      String host = tunnel == null ? config.host() : "localhost";
      int port = tunnel == null ? config.port() : tunnel.localPort();
      String url = "jdbc:postgresql://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/"
          + URLEncoder.encode(config.database(), StandardCharsets.UTF_8).replace("+", "%20");
      Properties p = new Properties();
      p.setProperty("user", config.username());
      config.password().ifPresent(pw -> p.setProperty("password", pw));
      p.setProperty("ApplicationName", APPLICATION_NAME);
      p.setProperty("connectTimeout", "30");
      p.setProperty("tcpKeepAlive", "true");
      SslFiles ssl = SslFiles.apply(config.ssl(), p);
      for (Map.Entry<String, String> e : config.jdbcUrlParams().entrySet()) {
        p.setProperty(e.getKey(), e.getValue());
      }
      PgSessionSettings.applyTo(p);
      return new PgDatabase(config, tunnel, ssl, url, p);
    } catch (RuntimeException e) {
      if (tunnel != null) {
        tunnel.close();
      }
      throw e;
    }
  }

  public PostgresConfig config() {
    return config;
  }

  /** {@code jdbc:postgresql://host:port/database}, or the tunnel's local end. */
  public String jdbcUrl() {
    return url;
  }

  /** A copy of the connection properties (credentials, TLS, session settings, jdbc_url_params). */
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** A new connection in autocommit mode; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  /** {@code host:port/database} as the user configured it, for messages. */
  public String displayName() {
    return config.host() + ":" + config.port() + "/" + config.database();
  }

  @Override
  public void close() {
    try {
      sslFiles.close();
    } finally {
      if (tunnel != null) {
        tunnel.close();
      }
    }
  }
}
