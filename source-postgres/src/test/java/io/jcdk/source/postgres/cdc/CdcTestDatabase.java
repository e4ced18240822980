package io.jcdk.source.postgres.cdc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of the CDC tests: {@code JCDK_TEST_PG_URL} (a {@code jdbc:postgresql://}
 * URL with user and password, on a server with {@code wal_level=logical}) or an embedded server
 * started once per JVM. Each test class gets its own database, so slots and publications of one
 * class never see another's changes.
 */
final class CdcTestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  private CdcTestDatabase(String host, int port, String database, String user, String password) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  /** A new, empty database on the test server. */
  static CdcTestDatabase create() {
    String url = System.getenv("JCDK_TEST_PG_URL");
    CdcTestDatabase admin = url == null || url.isBlank() ? embeddedAdmin() : fromUrl(url);
    String name = "cdc_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    admin.execute("CREATE DATABASE " + name);
    return new CdcTestDatabase(admin.host, admin.port, name, admin.user, admin.password);
  }

  private static synchronized CdcTestDatabase embeddedAdmin() {
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "20")
            .setServerConfig("max_wal_senders", "20")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new CdcTestDatabase("localhost", embedded.getPort(), "postgres", "postgres", null);
  }

  private static CdcTestDatabase fromUrl(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    Properties query = new Properties();
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        int eq = pair.indexOf('=');
        query.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    return new CdcTestDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db,
        query.getProperty("user", "postgres"), query.getProperty("password"));
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String database() {
    return database;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), properties());
  }

  /** Runs statements in autocommit, each on its own. */
  void execute(String... sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** Runs statements in one transaction. */
  void transaction(String... sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String statement : sql) {
        s.execute(statement);
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** The first column of the first row, as text. */
  String queryString(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** Drops the slots of this database (they would keep WAL forever) and the database itself. */
  void drop() {
    execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
        + " WHERE database = current_database() AND NOT active");
    CdcTestDatabase admin = new CdcTestDatabase(host, port, "postgres", user, password);
    admin.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }
}
