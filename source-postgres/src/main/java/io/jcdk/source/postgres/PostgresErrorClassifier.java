package io.jcdk.source.postgres;

import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Classifies PostgreSQL errors by SQLState class, once, at the runtime's boundary: 28 (invalid
 * authorization) and 3D (invalid catalog name) are the user's config; 08 (connection exception),
 * 53 (insufficient resources), 57P01-57P03 (shutdown, cannot connect now) and 40001/40P01
 * (serialization failure, deadlock) may pass on a retry; 42501 (insufficient privilege) is the
 * config again (the role lacks a grant).
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

  static Optional<ConnectorException> classify(SQLException e) {
    String state = e.getSQLState();
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
