package io.jcdk.source.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fresh database on a real PostgreSQL server for each test class: the embedded server (zonky,
 * {@code wal_level=logical}, password authentication for every role but {@code postgres}), started
 * once per JVM, or the server of {@code JCDK_TEST_PG_URL}
 * ({@code jdbc:postgresql://host:port/db?user=u&password=p}, a superuser, {@code wal_level=logical}).
 */
public final class TestPostgres {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static Server server;

  private record Server(String host, int port, String adminDatabase, String user, String password,
      boolean embedded) {}

  private final String database;

  private TestPostgres(String database) {
    this.database = database;
  }

  /** Creates a new database {@code <prefix>_<n>} and returns it. */
  public static TestPostgres create(String prefix) {
    Server s = server();
    String name = prefix.toLowerCase() + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = connect(s, s.adminDatabase); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + PgIdentifier.quote(name));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new TestPostgres(name);
  }

  /** True for the embedded server, whose authentication rules this class controls. */
  public static boolean embedded() {
    return server().embedded;
  }

  public String database() {
    return database;
  }

  public String host() {
    return server().host;
  }

  public int port() {
    return server().port;
  }

  /** The superuser's name. */
  public String user() {
    return server().user;
  }

  /** The superuser's password, or null (the embedded server trusts it on loopback). */
  public String password() {
    return server().password;
  }

  /** Drops this database, even with sessions still open. */
  public void drop() {
    Server s = server();
    try (Connection c = connect(s, s.adminDatabase); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + PgIdentifier.quote(database) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + database, e);
    }
  }

  /** A config of the superuser for this database. */
  public PostgresConfig config() {
    Server s = server();
    return PostgresConfig.of(s.host, s.port, database, s.user, s.password);
  }

  /** A config of another role for this database. */
  public PostgresConfig configFor(String user, String password) {
    Server s = server();
    return PostgresConfig.of(s.host, s.port, database, user, password);
  }

  /** A superuser connection to this database (autocommit). */
  public Connection connect() throws SQLException {
    return connect(server(), database);
  }

  /** Runs statements as the superuser, each in its own transaction. */
  public void execute(String... statements) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Connection connect(Server s, String db) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", s.user);
    if (s.password != null) {
      p.setProperty("password", s.password);
    }
    return DriverManager.getConnection("jdbc:postgresql://" + s.host + ":" + s.port + "/" + db, p);
  }

  private static synchronized Server server() {
    if (server == null) {
      String url = System.getenv("JCDK_TEST_PG_URL");
      server = url == null || url.isBlank() ? startEmbedded() : external(url);
    }
    return server;
  }

  private static Server external(String url) {
    Properties p = org.postgresql.Driver.parseURL(url, null);
    if (p == null) {
      throw new IllegalArgumentException("JCDK_TEST_PG_URL is not a jdbc:postgresql:// URL: " + url);
    }
    return new Server(p.getProperty("PGHOST"), Integer.parseInt(p.getProperty("PGPORT", "5432")),
        p.getProperty("PGDBNAME", "postgres"), p.getProperty("user"), p.getProperty("password"), false);
  }

  private static Server startEmbedded() {
    try {
      EmbeddedPostgres pg = embeddedServer().start();
      return new Server("localhost", pg.getPort(), "postgres", "postgres", null, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  /**
   * How the tests' embedded servers are set up: {@code wal_level=logical}, durability off (tests
   * need no crash safety), and password authentication for every role but {@code postgres}.
   */
  static EmbeddedPostgres.Builder embeddedServer() {
    return EmbeddedPostgres.builder()
        .setServerConfig("wal_level", "logical")
        // One server for every test class of the JVM; the CDC classes keep a slot per test until
        // they end, so leave room for all of them.
        .setServerConfig("max_replication_slots", "100")
        .setServerConfig("max_wal_senders", "100")
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("password_encryption", "scram-sha-256")
        .setDataDirectoryCustomizer(pgHba(
            "local all all trust",
            "host all postgres 127.0.0.1/32 trust",
            "host all postgres ::1/128 trust",
            "host replication postgres 127.0.0.1/32 trust",
            "host replication postgres ::1/128 trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "host replication all 127.0.0.1/32 scram-sha-256",
            "host replication all ::1/128 scram-sha-256"));
  }

  /** A data directory customizer that replaces {@code pg_hba.conf} with these lines. */
  static Consumer<File> pgHba(String... lines) {
    return dir -> {
      try {
        Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n", lines) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
