package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Classifies PostgreSQL errors by SQLState class, once, at the runtime's boundary: 28 (invalid
 * authorization) and 3D (invalid catalog name) are the user's config; 08 (connection exception),
 * 53 (insufficient resources), 57P01-57P03 (shutdown, cannot connect now) and 40001/40P01
 * (serialization failure, deadlock) and 55006 (object in use, e.g. a replication slot another
 * connection streams from) may pass on a retry; 42501 (insufficient privilege) and 42704 (undefined
 * object, e.g. a slot or publication that does not exist) are the config again.
 *
 * <p>Every read path (check, Standard, xmin, CDC) classifies through here, so one cause gets one
 * failure type whatever the mode.
 */
public final class PostgresErrorClassifier implements ErrorClassifier {

  @Override
  public Optional<ConnectorException> classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectorException ce) {
        return Optional.of(ce);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return classify(sql);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code e} as the kit's taxonomy, its message prefixed with what was being done ({@code doing}
   * "failed: ..."); a SQLState this class does not know is a system error.
   */
  public static ConnectorException classified(String doing, SQLException e) {
    ConnectorException c = classify(e).orElse(null);
    String message = doing + " failed: " + (c != null ? c.getMessage() : firstLine(e.getMessage()));
    return new ConnectorException(c != null ? c.failureType() : FailureType.SYSTEM_ERROR, message, e);
  }

  static Optional<ConnectorException> classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = firstLine(e.getMessage());
    if (state.startsWith("28")) {
      return Optional.of(ConnectorException.config(
          "The database refused the credentials (" + message + "); check username and password.", e));
    }
    if (state.startsWith("3D")) {
      return Optional.of(ConnectorException.config(
          "The database does not exist (" + message + "); check the database name, which is case sensitive.", e));
    }
    if (state.equals("42501")) {
      return Optional.of(ConnectorException.config(
          "The role lacks a privilege (" + message + "); grant it, or remove the stream from the catalog.", e));
    }
    if (state.equals("42704")) {
      return Optional.of(ConnectorException.config(
          "An object the sync needs does not exist (" + message + "); check the names in the config (replication"
              + " slot, publication) and refresh the source schema.", e));
    }
    if (state.equals("55006")) {
      return Optional.of(ConnectorException.transientError(
          "An object the sync needs is in use by another connection (" + message + "); the sync can be retried"
              + " when it is free. A replication slot serves one connection at a time: give each connection its"
              + " own slot.", e));
    }
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("40001")
        || state.equals("40P01")) {
      return Optional.of(ConnectorException.transientError(
          "The database connection failed or was interrupted (" + message + "); the sync can be retried.", e));
    }
    return Optional.empty();
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message.strip() : message.substring(0, nl).strip();
  }
}
