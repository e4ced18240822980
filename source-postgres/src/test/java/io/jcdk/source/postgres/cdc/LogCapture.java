package io.jcdk.source.postgres.cdc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the CDC classes log while it is open: {@code try (LogCapture log = LogCapture.cdc()) {...}}. */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    logger.addHandler(this);
  }

  /** Everything the package {@code io.jcdk.source.postgres.cdc} logs. */
  static LogCapture cdc() {
    return new LogCapture(Logger.getLogger(LogCapture.class.getPackageName()));
  }

  /** The messages logged at {@code level}. */
  List<String> messages(Level level) {
    return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
  }

  @Override
  public void publish(LogRecord r) {
    records.add(r);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
