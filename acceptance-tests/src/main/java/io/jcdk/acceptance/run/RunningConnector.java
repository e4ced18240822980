package io.jcdk.acceptance.run;

import io.jcdk.protocol.AirbyteMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A connector process in flight: stdin to feed, stdout judged line by line as it arrives (so a test
 * can wait for one message, e.g. a state echo), stderr kept as a tail for diagnostics.
 */
public final class RunningConnector implements AutoCloseable {

  private static final int STDERR_LINES = 200;

  private final String runner;
  private final Invocation invocation;
  private final Process process;
  private final Runnable killer;
  private final Runnable ended;
  private final Path fileDir;
  private final StdoutParser parser;
  private final Deque<String> stderr = new ArrayDeque<>();
  private final Thread stdoutPump;
  private final Thread stderrPump;
  private final long startNanos = System.nanoTime();
  private final Object progress = new Object();
  private volatile boolean stdoutDone;
  private volatile boolean killed;

  RunningConnector(String runner, Invocation invocation, ConnectorRunner.Launch launch, Path fileDir,
      Map<String, String> secrets) throws IOException {
    this.runner = runner;
    this.invocation = invocation;
    this.fileDir = fileDir;
    this.killer = launch.kill();
    this.ended = launch.ended();
    this.parser = new StdoutParser(secrets);
    ProcessBuilder builder = new ProcessBuilder(launch.argv());
    builder.environment().putAll(launch.environment());
    if (launch.workingDirectory() != null) {
      builder.directory(launch.workingDirectory().toFile());
    }
    this.process = builder.start();
    this.stdoutPump = daemon(this::pumpStdout, "connector-stdout");
    this.stderrPump = daemon(this::pumpStderr, "connector-stderr");
  }

  /** The connector's stdin; close it to signal end of input. */
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /**
   * Waits until a message matching {@code condition} arrives on stdout, the connector's stdout closes,
   * or {@code timeout} passes.
   */
  public Optional<OutputLine> await(Predicate<AirbyteMessage> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (true) {
        Optional<OutputLine> hit = parser.lines().stream().filter(l -> condition.test(l.message())).findFirst();
        long left = deadline - System.nanoTime();
        if (hit.isPresent() || stdoutDone || left <= 0) {
          return hit;
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return hit;
        }
      }
    }
  }

  /** Kills the connector at once (SIGKILL; for a container, {@code docker kill}), as a crash would. */
  public void kill() {
    killed = true;
    killer.run();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Closes stdin, waits for the exit (killing on timeout), and returns what the run produced. */
  public Transcript finish() {
    closeStdin();
    boolean timedOut = false;
    try {
      if (!process.waitFor(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        kill();
        process.waitFor(30, TimeUnit.SECONDS);
      }
      stdoutPump.join(30_000);
      stderrPump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    int exit = killed || process.isAlive() ? -1 : process.exitValue();
    ended.run();
    String stderrText;
    synchronized (stderr) {
      stderrText = String.join("\n", stderr);
    }
    deleteFiles();
    return new Transcript(runner, invocation.describe(), parser.lines(), parser.violations(), exit, timedOut,
        Duration.ofNanos(System.nanoTime() - startNanos), stderrText);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    deleteFiles();
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The process already closed its end (it exited or crashed); its transcript tells why.
    }
  }

  private void pumpStdout() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      long number = 0;
      String line;
      while ((line = in.readLine()) != null) {
        parser.accept(++number, line);
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    } catch (IOException e) {
      // Killed mid-line: what arrived so far is the transcript.
    } finally {
      stdoutDone = true;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void pumpStderr() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (stderr) {
          stderr.addLast(line.length() > 2000 ? line.substring(0, 2000) + "…" : line);
          if (stderr.size() > STDERR_LINES) {
            stderr.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // Killed: keep what arrived.
    }
  }

  private void deleteFiles() {
    if (fileDir == null || !Files.exists(fileDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(fileDir)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the connector's input files in " + fileDir, e);
    }
  }
}
