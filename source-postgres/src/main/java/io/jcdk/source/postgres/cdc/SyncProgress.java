package io.jcdk.source.postgres.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * How far a sync's stream has come toward its end position, and whether the server has stalled.
 *
 * <p>The server sends nothing of a transaction before it has decoded it up to its commit: behind a
 * large transaction, or a long stretch of WAL of tables the sync does not read, minutes may pass
 * without a change. That is progress, not idleness. The server shows it three ways: a change
 * arrives, the position it reports in keepalives moves on, or its walsender is busy (anything but
 * waiting for WAL). The last one covers the stretches where the position stands still: the
 * replay of a large transaction whose changes pgoutput filters out, and the WAL between the slot's
 * {@code restart_lsn} and the start position, which the server reads again first.
 *
 * <p>The sync stalls when none of the three has happened for {@code initial_waiting_seconds}.
 * While the server works, the sync goes on: it stops at the end position fixed when it started, so
 * it never chases WAL written after that. Progress goes to the log every {@link #LOG_INTERVAL}.
 */
final class SyncProgress {

  static final Duration LOG_INTERVAL = Duration.ofSeconds(30);
  private static final Logger LOG = Logger.getLogger(SyncProgress.class.getName());
  /** What a walsender waits for when it has sent everything the WAL holds. */
  private static final Set<String> IDLE_WAITS = Set.of("WalSenderWaitForWAL", "WalSenderMain");
  private static final String WALSENDER_WAIT = "SELECT a.wait_event FROM pg_catalog.pg_replication_slots s"
      + " JOIN pg_catalog.pg_stat_activity a ON a.pid = s.active_pid WHERE s.slot_name = ?";

  private final Walsender walsender;
  private final Duration wait;
  private final Lsn target;
  private Lsn position;
  private long lastProgress;
  private long lastLog;
  private boolean toldStillDecoding;

  /** The server process streaming to this sync. */
  @FunctionalInterface
  interface Walsender {
    /** True unless it waits for WAL to be written (it has sent all there is). */
    boolean busy() throws SQLException;

    /** The walsender of {@code slot}, asked over {@code connection} (a plain connection). */
    static Walsender of(Connection connection, String slot) {
      return () -> {
        try (PreparedStatement s = connection.prepareStatement(WALSENDER_WAIT)) {
          s.setString(1, slot);
          try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
              return false;
            }
            String waitEvent = rs.getString(1);
            return waitEvent == null || !IDLE_WAITS.contains(waitEvent);
          }
        }
      };
    }
  }

  /**
   * {@code wait} the configured initial waiting time, {@code start} where the stream starts,
   * {@code now} {@link System#nanoTime}.
   */
  SyncProgress(Walsender walsender, Duration wait, Lsn start, Lsn target, long now) {
    this.walsender = walsender;
    this.wait = wait;
    this.target = target;
    this.position = start;
    this.lastProgress = now;
    this.lastLog = now;
  }

  /** A message arrived. */
  void message(long now) {
    lastProgress = now;
  }

  /** The server reported having read the WAL up to {@code reported}. */
  void position(Lsn reported, long now) {
    if (reported.isAfter(position)) {
      position = reported;
      lastProgress = now;
    }
  }

  /** Logs how far the stream has come, every {@link #LOG_INTERVAL}. */
  void log(long now, long records) {
    if (now - lastLog >= LOG_INTERVAL.toNanos()) {
      lastLog = now;
      LOG.info("Streaming toward " + target + ": the server has read the WAL up to " + position + " ("
          + remaining() + " to go); " + records + " change records so far.");
    }
  }

  /**
   * True when the server has shown no progress for the initial waiting time and its walsender is
   * not busy: the sync should end where it is.
   */
  boolean stalled(long now) throws SQLException {
    if (now - lastProgress <= wait.toNanos()) {
      return false;
    }
    if (!walsender.busy()) {
      return true;
    }
    lastProgress = now;
    if (!toldStillDecoding) {
      toldStillDecoding = true;
      LOG.info("No change for " + seconds(wait) + " (initial_waiting_seconds), but the server is"
          + " still decoding WAL toward this sync's end position " + target + " (read up to " + position + ", "
          + remaining() + " to go); the sync goes on until it gets there.");
    }
    return false;
  }

  /** {@code 1200 s}, {@code 0.1 s}. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  private String remaining() {
    long bytes = Math.max(0, target.value() - position.value());
    return bytes >= 1 << 20 ? bytes / (1 << 20) + " MB" : bytes / 1024 + " kB";
  }
}
