package io.jcdk.cli;

import io.jcdk.cli.SyncCounts.Snapshot;
import io.jcdk.cli.SyncCounts.Stream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A sync's progress on stderr, which it owns while the sync runs: on a terminal a block (a total
 * line, then a line per stream) redrawn in place four times a second; otherwise a line every ten
 * seconds, for logs. Messages (the connectors' log lines) go through {@link #message} so that they
 * scroll above the block instead of through it.
 */
final class ProgressDisplay implements AutoCloseable {

  /** How many streams the terminal block lists before "… and N more". */
  static final int SHOWN_STREAMS = 8;

  private static final long TERMINAL_TICK_MILLIS = 250;
  private static final long LINE_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final PrintStream err;
  private final SyncCounts counts;
  private final int columns;
  private final LongSupplier nanoTime;
  private final long started;
  private final Thread ticker;
  private int shownLines;
  private long lastLine;
  private boolean closed;

  /**
   * @param columns the terminal's width, or 0 when stderr is not a terminal
   */
  ProgressDisplay(PrintStream err, SyncCounts counts, int columns, LongSupplier nanoTime) {
    this.err = err;
    this.counts = counts;
    this.columns = columns;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastLine = started;
    this.ticker = new Thread(this::tick, "sync-progress");
    ticker.setDaemon(true);
  }

  /**
   * The terminal's width, or 0 when stderr is not a terminal. The launcher knows ({@code
   * JCDK_TERMINAL}: the width of the terminal stderr is, 0 when it is none); run without it, a
   * console ({@link System#console()}: stdin and stdout are a terminal) is taken for one 80 wide.
   */
  static int terminalColumns(String launcherValue, boolean console) {
    if (launcherValue == null) {
      return console ? 80 : 0;
    }
    try {
      int columns = Integer.parseInt(launcherValue.strip());
      return columns <= 0 ? 0 : Math.max(40, columns);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  void start() {
    ticker.start();
  }

  /** A line of text (a connector's log line), printed above the progress block. */
  synchronized void message(String line) {
    clearBlock();
    err.println(line);
    drawBlock();
  }

  /** Time since the display was made. */
  Duration elapsed() {
    return Duration.ofNanos(nanoTime.getAsLong() - started);
  }

  /** Redraws the terminal block, or prints the periodic line when it is due; the ticker calls it. */
  synchronized void refresh() {
    if (closed) {
      return;
    }
    if (columns > 0) {
      clearBlock();
      drawBlock();
    } else if (nanoTime.getAsLong() - lastLine >= LINE_INTERVAL_NANOS) {
      lastLine = nanoTime.getAsLong();
      err.println(line(counts.snapshot(), elapsed()));
    }
    err.flush();
  }

  /** Stops, and takes the block off the terminal: the summary follows. */
  @Override
  public synchronized void close() {
    closed = true;
    ticker.interrupt();
    clearBlock();
    err.flush();
  }

  private void tick() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(columns > 0 ? TERMINAL_TICK_MILLIS : 1000);
        refresh();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void drawBlock() {
    if (columns <= 0 || closed) {
      return;
    }
    List<String> block = block(counts.snapshot(), elapsed(), columns);
    for (String l : block) {
      err.print(l + "\033[K\n");
    }
    shownLines = block.size();
  }

  /** Moves to the block's first line and clears from there down. */
  private void clearBlock() {
    if (columns > 0 && shownLines > 0) {
      err.print("\033[" + shownLines + "F\033[J");
      shownLines = 0;
    }
  }

  /** The terminal block: the totals, then each stream, each line cut to the terminal's width. */
  static List<String> block(Snapshot s, Duration elapsed, int columns) {
    List<String> lines = new ArrayList<>();
    lines.add(fit("sync " + clock(elapsed) + ": " + totals(s, elapsed), columns));
    int width = nameWidth(s);
    for (int i = 0; i < Math.min(SHOWN_STREAMS, s.streams().size()); i++) {
      Stream x = s.streams().get(i);
      lines.add(fit(streamLine(x, width), columns));
    }
    if (s.streams().size() > SHOWN_STREAMS) {
      lines.add("  … and " + (s.streams().size() - SHOWN_STREAMS) + " more streams");
    }
    return lines;
  }

  /**
   * What a finished sync prints on stdout: the totals, each stream, and the state file (or that no
   * state was confirmed, so the next sync starts over).
   */
  static List<String> summary(Snapshot s, Duration elapsed, Path stateFile) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("sync done in %s: %,d record%s (%s) read, %,d confirmed by the destination in %,d state%s",
        clock(elapsed), s.records(), s.records() == 1 ? "" : "s", megabytes(s.bytes()), s.confirmedRecords(),
        s.states(), s.states() == 1 ? "" : "s"));
    int width = nameWidth(s);
    for (Stream x : s.streams()) {
      lines.add(streamLine(x, width));
    }
    lines.add(s.states() > 0 ? "state saved in " + stateFile
        : "no state confirmed: " + stateFile + " is unchanged, and the next sync starts where this one did");
    return lines;
  }

  /** The periodic line for logs. */
  static String line(Snapshot s, Duration elapsed) {
    StringBuilder line = new StringBuilder("sync: ").append(clock(elapsed)).append(", ").append(totals(s, elapsed));
    String separator = "; ";
    for (Stream x : s.streams()) {
      line.append(separator).append(x.stream().displayName()).append(' ')
          .append(String.format("%,d (%s)", x.records(), megabytes(x.bytes())));
      separator = ", ";
    }
    return line.toString();
  }

  /** The longest stream name: the width of the names' column. */
  private static int nameWidth(Snapshot s) {
    return s.streams().stream().mapToInt(x -> x.stream().displayName().length()).max().orElse(0);
  }

  private static String streamLine(Stream x, int width) {
    return String.format("  %-" + width + "s %,12d %s %9s", x.stream().displayName(), x.records(),
        x.records() == 1 ? "record " : "records", megabytes(x.bytes()));
  }

  private static String totals(Snapshot s, Duration elapsed) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format("%,d records (%,.0f/s), %s read (%.1f MB/s), %,d state%s confirmed (%,d records)",
        s.records(), s.records() / seconds, megabytes(s.bytes()), s.bytes() / 1e6 / seconds, s.states(),
        s.states() == 1 ? "" : "s", s.confirmedRecords());
  }

  static String megabytes(long bytes) {
    return String.format("%,.1f MB", bytes / 1e6);
  }

  /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }

  private static String fit(String line, int columns) {
    return line.length() < columns ? line : line.substring(0, Math.max(0, columns - 2)) + "…";
  }
}
