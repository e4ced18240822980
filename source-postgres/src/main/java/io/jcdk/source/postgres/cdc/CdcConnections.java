package io.jcdk.source.postgres.cdc;

import io.jcdk.source.postgres.PgDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the connections a CDC read needs, with the source's connection setup (SSL, SSH tunnel, the
 * session settings of {@code PgSessionSettings}, which pgoutput's text output depends on too).
 */
public interface CdcConnections {

  /** A plain connection (autocommit on) for catalog queries, the snapshot and heartbeats. */
  Connection open() throws SQLException;

  /** A replication connection ({@code replication=database}) for {@code START_REPLICATION}. */
  Connection openReplication() throws SQLException;

  /** Through {@code database}'s tunnel, TLS and session settings. */
  static CdcConnections of(PgDatabase database) {
    return of(database.jdbcUrl(), database.properties());
  }

  /** Direct to {@code jdbcUrl} with {@code properties} (which should include the session settings). */
  static CdcConnections of(String jdbcUrl, Properties properties) {
    Properties plain = new Properties();
    plain.putAll(properties);
    Properties replication = new Properties();
    replication.putAll(properties);
    // The walsender speaks only the simple query protocol; 9.4 skips pgjdbc's startup queries it rejects.
    replication.setProperty("replication", "database");
    replication.setProperty("assumeMinServerVersion", "9.4");
    replication.setProperty("preferQueryMode", "simple");
    return new CdcConnections() {
      @Override
      public Connection open() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, plain);
      }

      @Override
      public Connection openReplication() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, replication);
      }
    };
  }
}
