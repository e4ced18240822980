package io.jcdk.runtime;

import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.ProtocolException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * The one place where exceptions, and errors, become TRACE errors. Everything below it throws;
 * nothing below it logs and rethrows. One run reports once: the first failure is the cause, what
 * fails after it (a flush into the same closed pipe) is its consequence.
 */
final class ErrorBoundary {

  private final ErrorClassifier classifier;
  private boolean reported;

  ErrorBoundary(ErrorClassifier classifier) {
    this.classifier = classifier;
  }

  /**
   * Writes the TRACE error for {@code error}; the caller exits 1. If stdout is gone (its reader
   * stopped early, as {@code head} does), the TRACE cannot reach anyone there: one line on stderr
   * says what happened instead.
   */
  void report(Throwable error, MessageWriter out) {
    if (reported) {
      return;
    }
    reported = true;
    ConnectorException classified = classify(error);
    String internal = error.toString();
    AirbyteTraceMessage.Error trace = AirbyteTraceMessage.Error.of(
        classified.failureType(), classified.getMessage(), internal, stackTrace(error));
    try {
      out.write(AirbyteMessage.of(AirbyteTraceMessage.ofError(trace)));
      out.flush();
    } catch (UncheckedIOException e) {
      System.err.println("The connector's stdout is closed (" + e.getCause().getMessage() + "), so its error goes here: "
          + out.masked(classified.getMessage()));
    }
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
      long max = Runtime.getRuntime().maxMemory() >> 20;
      return ConnectorException.system("The connector ran out of memory (heap maximum " + max + " MB): "
          + error.getMessage() + ". Give it a larger heap, e.g. twice as much: java -Xmx" + 2 * max + "m -jar …, or"
          + " JAVA_TOOL_OPTIONS=-Xmx" + 2 * max + "m for its image.", error);
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
