package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteConnectionStatus;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check}: connects and reports, one sentence each, everything the user must fix. Problems
 * are a FAILED status; only a defect in the connector escapes as an exception.
 */
final class PostgresCheck {

  private static final String SCHEMAS = """
      SELECT s.name, n.oid IS NOT NULL, COALESCE(has_schema_privilege(n.oid, 'USAGE'), false),
        (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition),
        (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
           AND has_any_column_privilege(c.oid, 'SELECT'))
      FROM unnest(?::text[]) AS s(name) LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.name""";

  private PostgresCheck() {}

  static AirbyteConnectionStatus run(PostgresConfig config) {
    List<String> problems = new ArrayList<>();
    try (PgDatabase db = PgDatabase.open(config)) {
      try (Connection c = db.connect()) {
        schemas(c, config, problems);
        if (config.cdc().isPresent()) {
          problems.addAll(CdcPrerequisites.problems(c, config, config.cdc().get()));
        }
      } catch (SQLException e) {
        problems.add(connectionProblem(config, e));
      }
    } catch (ConnectorException e) {
      problems.add(e.getMessage());
    }
    return problems.isEmpty()
        ? AirbyteConnectionStatus.succeeded()
        : AirbyteConnectionStatus.failed(String.join(" ", problems));
  }

  private static void schemas(Connection c, PostgresConfig config, List<String> problems) throws SQLException {
    String user = config.username();
    if (config.schemas().isEmpty()) {
      List<PgTable> tables = new PgCatalog(c, PgTypes.load(c)).tables(List.of());
      if (tables.isEmpty()) {
        problems.add("The role '" + user + "' can read no table or view in database '" + config.database()
            + "'; grant SELECT on the tables to sync.");
      }
      return;
    }
    try (PreparedStatement s = c.prepareStatement(SCHEMAS)) {
      Array names = c.createArrayOf("text", config.schemas().toArray());
      s.setArray(1, names);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String schema = rs.getString(1);
          if (!rs.getBoolean(2)) {
            problems.add("The schema '" + schema + "' does not exist in database '" + config.database()
                + "'; check the schemas field (names are case sensitive).");
          } else if (!rs.getBoolean(3)) {
            problems.add("The role '" + user + "' has no USAGE privilege on schema '" + schema + "'; run GRANT"
                + " USAGE ON SCHEMA " + PgIdentifier.quote(schema) + " TO " + PgIdentifier.quote(user) + ".");
          } else if (rs.getLong(4) > 0 && rs.getLong(5) == 0) {
            problems.add("The role '" + user + "' has no SELECT privilege on any of the " + rs.getLong(4)
                + " tables of schema '" + schema + "'; run GRANT SELECT ON ALL TABLES IN SCHEMA "
                + PgIdentifier.quote(schema) + " TO " + PgIdentifier.quote(user) + ".");
          }
        }
      }
    }
  }

  /** One sentence for a failed connection attempt, from the SQLState and the root cause. */
  static String connectionProblem(PostgresConfig config, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = config.host() + ":" + config.port();
    String message = PostgresErrorClassifier.firstLine(e.getMessage());
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (state.startsWith("28")) {
      return "The server at " + where + " refused the credentials of user '" + config.username() + "' ("
          + message + "); check username and password.";
    }
    if (state.startsWith("3D")) {
      return "The database '" + config.database() + "' does not exist on " + where
          + "; check the database name (it is case sensitive).";
    }
    if (root instanceof UnknownHostException) {
      return "The host '" + config.host() + "' is unknown (" + root.getMessage() + "); check the host name.";
    }
    if (root instanceof ConnectException || root instanceof NoRouteToHostException
        || root instanceof SocketTimeoutException) {
      return "Could not connect to " + where + " (" + root.getMessage() + "); check host and port, and that the"
          + " server accepts TCP connections from here.";
    }
    if (state.startsWith("08")) {
      return "Could not connect to " + where + " (" + message + "); check host, port and ssl_mode.";
    }
    return "Could not use database '" + config.database() + "' on " + where + " (" + message + ").";
  }
}
