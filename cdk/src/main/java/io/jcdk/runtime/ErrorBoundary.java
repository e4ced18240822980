package io.jcdk.runtime;

import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.ProtocolException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * The one place where exceptions become TRACE errors. Everything below it throws; nothing below it
 * logs and rethrows.
 */
final class ErrorBoundary {

  private final ErrorClassifier classifier;

  ErrorBoundary(ErrorClassifier classifier) {
    this.classifier = classifier;
  }

  /** Writes the TRACE error for {@code error}; the caller exits 1. */
  void report(Throwable error, MessageWriter out) {
    ConnectorException classified = classify(error);
    String internal = error.toString();
    AirbyteTraceMessage.Error trace = AirbyteTraceMessage.Error.of(
        classified.failureType(), classified.getMessage(), internal, stackTrace(error));
    out.write(AirbyteMessage.of(AirbyteTraceMessage.ofError(trace)));
    out.flush();
  }

  ConnectorException classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectorException c) {
        return c;
      }
      Optional<ConnectorException> byConnector = classifier.classify(t);
      if (byConnector.isPresent()) {
        return byConnector.get();
      }
      if (t == t.getCause()) {
        break;
      }
    }
    if (error instanceof ProtocolException) {
      return ConnectorException.system("The connector received input it cannot read: " + error.getMessage(), error);
    }
    if (error instanceof NoSuchFileException e) {
      return ConnectorException.config("File not found: " + e.getFile(), error);
    }
    if (error instanceof OutOfMemoryError) {
      return ConnectorException.system(
          "The connector ran out of memory; give it a larger heap (-Xmx) or lower its buffer sizes.", error);
    }
    String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return ConnectorException.system("Something went wrong in the connector: " + detail, error);
  }

  static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
