package io.jcdk.runtime;

import io.jcdk.protocol.AirbyteLogMessage;
import io.jcdk.protocol.AirbyteLogMessage.Level;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.MessageWriter;
import java.io.UncheckedIOException;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes java.util.logging (and so {@code System.Logger}, and pgjdbc) to LOG messages on stdout.
 * The message writer masks secrets, so nothing here needs to.
 */
final class LogBridge extends Handler {

  private final MessageWriter out;
  private final SimpleFormatter formatter = new SimpleFormatter();

  private LogBridge(MessageWriter out) {
    this.out = out;
  }

  /** Replaces the root logger's handlers; returns a handle that restores them. */
  static AutoCloseable install(MessageWriter out, java.util.logging.Level level) {
    Logger root = LogManager.getLogManager().getLogger("");
    Handler[] previous = root.getHandlers();
    java.util.logging.Level previousLevel = root.getLevel();
    for (Handler h : previous) {
      root.removeHandler(h);
    }
    LogBridge bridge = new LogBridge(out);
    bridge.setLevel(level);
    root.addHandler(bridge);
    root.setLevel(level);
    return () -> {
      root.removeHandler(bridge);
      for (Handler h : previous) {
        root.addHandler(h);
      }
      root.setLevel(previousLevel);
    };
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String text = formatter.formatMessage(record);
    String stack = record.getThrown() == null ? null : ErrorBoundary.stackTrace(record.getThrown());
    try {
      out.write(AirbyteMessage.of(new AirbyteLogMessage(level(record.getLevel()), text, stack, null)));
    } catch (UncheckedIOException e) {
      // stdout is gone: the code that logged must not fail for it; its own next write reports it
    }
  }

  static Level level(java.util.logging.Level level) {
    int v = level.intValue();
    if (v >= java.util.logging.Level.SEVERE.intValue()) {
      return Level.ERROR;
    }
    if (v >= java.util.logging.Level.WARNING.intValue()) {
      return Level.WARN;
    }
    if (v >= java.util.logging.Level.INFO.intValue()) {
      return Level.INFO;
    }
    if (v >= java.util.logging.Level.FINE.intValue()) {
      return Level.DEBUG;
    }
    return Level.TRACE;
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
