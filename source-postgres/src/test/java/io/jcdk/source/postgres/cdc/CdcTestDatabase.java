package io.jcdk.source.postgres.cdc;

import io.jcdk.source.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A database of the CDC tests on the tests' PostgreSQL server ({@link TestPostgres}: the embedded
 * server with {@code wal_level=logical}, or {@code JCDK_TEST_PG_URL}), with what they need beyond
 * it: transactions, single values, and dropping the database together with its slots. Each test
 * class gets its own database, so slots and publications of one class never see another's changes.
 */
final class CdcTestDatabase {

  private final TestPostgres db;

  private CdcTestDatabase(TestPostgres db) {
    this.db = db;
  }

  /** A new, empty database on the test server. */
  static CdcTestDatabase create() {
    return new CdcTestDatabase(TestPostgres.create("cdc"));
  }

  String host() {
    return db.host();
  }

  int port() {
    return db.port();
  }

  String database() {
    return db.database();
  }

  String user() {
    return db.user();
  }

  String password() {
    return db.password();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database();
  }

  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", db.user());
    if (db.password() != null) {
      p.setProperty("password", db.password());
    }
    return p;
  }

  Connection connect() throws SQLException {
    return db.connect();
  }

  /** Runs statements in autocommit, each on its own. */
  void execute(String... sql) {
    db.execute(sql);
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
    db.drop();
  }
}
