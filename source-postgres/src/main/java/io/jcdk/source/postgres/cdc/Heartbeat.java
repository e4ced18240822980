package io.jcdk.source.postgres.cdc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Runs {@code heartbeat_action_query} every {@link #INTERVAL} while streaming. Its write to a
 * published table gives the slot something to confirm when the captured tables are quiet but the
 * rest of the database is busy, so the WAL the slot holds stays bounded. A failing query is
 * logged, not fatal: the sync itself is still correct without it.
 */
final class Heartbeat {

  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

  private final Connection connection;
  private final String query;
  private long lastRun;
  private boolean warned;

  /** {@code query} null for none. */
  Heartbeat(Connection connection, String query) {
    this.connection = connection;
    this.query = query == null || query.isBlank() ? null : query;
  }

  void runIfDue() {
    if (query == null) {
      return;
    }
    long now = System.nanoTime();
    if (lastRun != 0 && now - lastRun < INTERVAL.toNanos()) {
      return;
    }
    lastRun = now;
    try (Statement s = connection.createStatement()) {
      s.execute(query);
    } catch (SQLException e) {
      if (!warned) {
        LOG.warning("heartbeat_action_query failed: " + e.getMessage() + " (the sync goes on; fix or clear the"
            + " query in the config)");
        warned = true;
      }
    }
  }
}
