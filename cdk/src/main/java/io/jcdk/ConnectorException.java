package io.jcdk;

import io.jcdk.protocol.AirbyteTraceMessage.FailureType;

/**
 * An error a connector knows how to classify. The runtime turns it into one TRACE error with this
 * failure type and the message shown to the user; anything else becomes a system_error (unless an
 * {@link ErrorClassifier} recognizes it).
 *
 * <p>Write messages a user can act on: name the field or object, the value seen, and what to do.
 */
public class ConnectorException extends RuntimeException {

  private final FailureType failureType;

  public ConnectorException(FailureType failureType, String message, Throwable cause) {
    super(message, cause);
    this.failureType = failureType;
  }

  /** The user's config or environment is wrong; retrying will not help until they change it. */
  public static ConnectorException config(String message) {
    return new ConnectorException(FailureType.CONFIG_ERROR, message, null);
  }

  public static ConnectorException config(String message, Throwable cause) {
    return new ConnectorException(FailureType.CONFIG_ERROR, message, cause);
  }

  /** Temporary: a retry of the same sync may succeed. */
  public static ConnectorException transientError(String message, Throwable cause) {
    return new ConnectorException(FailureType.TRANSIENT_ERROR, message, cause);
  }

  /** A defect or an unexpected state of the connector or the system it talks to. */
  public static ConnectorException system(String message, Throwable cause) {
    return new ConnectorException(FailureType.SYSTEM_ERROR, message, cause);
  }

  public FailureType failureType() {
    return failureType;
  }
}
