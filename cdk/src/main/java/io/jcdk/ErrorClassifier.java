package io.jcdk;

import java.util.Optional;

/**
 * Recognizes a connector's library exceptions (for example SQLState class 28 as a config error) so
 * they are classified at the one boundary in the runtime instead of caught and rethrown everywhere.
 */
@FunctionalInterface
public interface ErrorClassifier {

  /** A classified exception for {@code error} (found anywhere in its cause chain), or empty. */
  Optional<ConnectorException> classify(Throwable error);

  static ErrorClassifier none() {
    return error -> Optional.empty();
  }
}
