package io.jcdk.cli;

import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a source into a destination on this machine, the way the platform does: the source's
 * records, states and stream statuses are piped into the destination, and each state the
 * destination confirms is saved to {@code state.json}, so the next run resumes from it.
 */
public final class LocalSync {

  /**
   * A connector command line (e.g. {@code java -jar c.jar}) and its config file; {@code container}
   * names the Docker container the command runs, to remove when the sync stops (else null).
   */
  public record Endpoint(List<String> command, Path config, String container) {

    public Endpoint(List<String> command, Path config) {
      this(command, config, null);
    }
  }

  /** What one sync moved, and where the states the destination confirmed are. */
  public record Result(SyncCounts.Snapshot counts, Path stateFile) {

    public long recordsRead() {
      return counts.records();
    }
  }

  /** How long a connector whose output ended may take to exit, and a stopped one to go. */
  private static final int EXIT_WAIT_SECONDS = 60;
  /** How long a destination may take to confirm the states it was sent before a failed source. */
  private static final int CONFIRM_WAIT_SECONDS = 120;

  private final Endpoint source;
  private final Endpoint destination;
  private final Path workDir;
  private final SyncCounts counts;
  private final Consumer<String> log;
  private final List<Thread> stderrReaders = new CopyOnWriteArrayList<>();

  /** The connectors' log lines go to {@code log}. */
  public LocalSync(Endpoint source, Endpoint destination, Path workDir, PrintStream log) {
    this(source, destination, workDir, new SyncCounts(), log::println);
  }

  /** {@code log} takes the connectors' log lines; {@code counts}, what the sync moves, as it moves it. */
  LocalSync(Endpoint source, Endpoint destination, Path workDir, SyncCounts counts, Consumer<String> log) {
    this.source = source;
    this.destination = destination;
    this.workDir = workDir;
    this.counts = counts;
    this.log = log;
  }

  /** Where {@link #run} reads and writes the catalog and the state: the files an image must see. */
  static List<Path> files(Path workDir) {
    return List.of(workDir.resolve("catalog.json"), workDir.resolve("state.json"));
  }

  public Path stateFile() {
    return workDir.resolve("state.json");
  }

  /** Runs the source's {@code discover}. */
  public AirbyteCatalog discover() throws IOException, InterruptedException {
    Process p = start("source", source.command(), List.of("discover", "--config", source.config().toString()));
    AirbyteCatalog[] catalog = new AirbyteCatalog[1];
    try {
      p.getOutputStream().close();
      AtomicReference<String> error = new AtomicReference<>();
      consume(p.getInputStream(), "source", error, m -> {
        if (m.type() == AirbyteMessage.Type.CATALOG) {
          catalog[0] = m.catalog();
        }
      });
      finish(p, "source discover", error.get());
    } finally {
      removeContainer(source);
      drainStderr();
    }
    if (catalog[0] == null) {
      throw new IllegalStateException("the source's discover printed no CATALOG message");
    }
    return catalog[0];
  }

  /**
   * Every stream, incremental where the source offers a cursor (deduplicated by primary key where it
   * has one), otherwise full refresh into overwrite.
   */
  public static ConfiguredAirbyteCatalog configureAll(AirbyteCatalog discovered) {
    List<ConfiguredAirbyteStream> streams = new ArrayList<>();
    for (AirbyteStream s : discovered.streams()) {
      boolean hasPk = s.sourceDefinedPrimaryKey() != null && !s.sourceDefinedPrimaryKey().isEmpty();
      boolean hasCursor = Boolean.TRUE.equals(s.sourceDefinedCursor())
          || (s.defaultCursorField() != null && !s.defaultCursorField().isEmpty());
      boolean incremental = s.supportedSyncModes().contains(SyncMode.INCREMENTAL) && hasCursor;
      ConfiguredAirbyteStream c = incremental
          ? ConfiguredAirbyteStream.of(s, SyncMode.INCREMENTAL, hasPk ? DestinationSyncMode.APPEND_DEDUP : DestinationSyncMode.APPEND)
          : ConfiguredAirbyteStream.of(s, SyncMode.FULL_REFRESH, DestinationSyncMode.OVERWRITE);
      streams.add(c);
    }
    return ConfiguredAirbyteCatalog.of(streams);
  }

  /**
   * One sync of {@code catalog}, resuming from the saved state if there is one. The destination's
   * input ends (which tells it the source finished) only when the source's output ended and the
   * source exited 0 without a TRACE error. When the source fails, the destination is given time to
   * confirm the states it has, then stopped without an end of input, so it publishes nothing of
   * this sync whatever it would make of one; when the destination fails, the source is stopped.
   * Either way the states confirmed so far stay saved and this throws with the cause.
   */
  public Result run(ConfiguredAirbyteCatalog catalog) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path catalogFile = workDir.resolve("catalog.json");
    Files.writeString(catalogFile, Json.write(catalog));
    List<String> readArgs = new ArrayList<>(List.of("read", "--config", source.config().toString(),
        "--catalog", catalogFile.toString()));
    if (Files.exists(stateFile())) {
      readArgs.addAll(List.of("--state", stateFile().toString()));
    }
    Map<StreamDescriptor, AirbyteStateMessage> saved = loadState();

    Process src = start("source", source.command(), readArgs);
    src.getOutputStream().close();
    Process dst = start("destination", destination.command(), List.of("write", "--config", destination.config().toString(),
        "--catalog", catalogFile.toString()));
    // A sync stopped from outside (Ctrl-C, kill) stops the destination first: the end of its input,
    // when this process exits, must not be the first thing it sees.
    // A container outlives its killed docker client: it is removed by name.
    Thread stopBoth = new Thread(() -> {
      dst.toHandle().destroyForcibly();
      removeContainer(destination);
      src.toHandle().destroyForcibly();
      removeContainer(source);
    }, "stop-connectors");
    Runtime.getRuntime().addShutdownHook(stopBoth);
    try {
      return run(src, dst, saved);
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopBoth);
      stopBoth.run(); // both have ended by now, unless this failed on its own
      drainStderr();
    }
  }

  private Result run(Process src, Process dst, Map<StreamDescriptor, AirbyteStateMessage> saved)
      throws InterruptedException {
    AtomicLong forwarded = new AtomicLong();
    AtomicReference<String> sourceError = new AtomicReference<>();
    AtomicReference<String> destinationError = new AtomicReference<>();
    AtomicBoolean destinationGone = new AtomicBoolean();

    MessageWriter toDestination = new MessageWriter(dst.getOutputStream());
    Thread pump = new Thread(() -> consume(src.getInputStream(), "source", sourceError, m -> {
      if (destinationGone.get()) {
        return;
      }
      try {
        switch (m.type()) {
          case RECORD -> {
            // The reader sliced the data out of the line, untouched: its size costs nothing.
            toDestination.write(m.record());
            counts.read(m.record().descriptor(), m.record().data().size());
          }
          case STATE -> {
            toDestination.write(m);
            forwarded.incrementAndGet();
          }
          case TRACE -> {
            if (m.trace().streamStatus() != null) {
              toDestination.write(m);
            }
          }
          default -> { }
        }
      } catch (UncheckedIOException e) {
        destinationGone.set(true); // it exited: its own output says why
        src.toHandle().destroy();
      }
    }), "source-to-destination");
    Thread confirmations = new Thread(() -> consume(dst.getInputStream(), "destination", destinationError, m -> {
      if (m.type() == AirbyteMessage.Type.STATE) {
        AirbyteStateMessage s = m.state();
        remember(saved, s);
        saveState(saved);
        counts.confirmed(s.destinationStats() != null && s.destinationStats().recordCount() != null
            ? s.destinationStats().recordCount().longValue() : 0);
      }
    }), "destination-states");
    pump.start();
    confirmations.start();
    pump.join(); // the source's output ended: it exited, or it was stopped

    String sourceFailure = destinationGone.get() ? null : sourceFailure(src, sourceError.get());
    if (sourceFailure == null && !destinationGone.get()) {
      endInput(toDestination, dst); // the source finished: the destination may complete its streams
    } else if (sourceFailure != null) {
      awaitConfirmations(forwarded, dst);
      stop(dst);
    }
    confirmations.join(); // the destination's output ended, as its input did or as it was stopped
    if (sourceFailure != null) {
      throw new IllegalStateException("source read failed " + sourceFailure + (sourceFailure.endsWith(".") ? "" : ".")
          + " So the destination was stopped before its input ended: it takes nothing of this sync for finished. "
          + counts.states() + " states were confirmed" + (counts.states() > 0
              ? "; the next sync resumes from the last one, saved in " + stateFile() + "." : "."));
    }
    if (destinationGone.get()) {
      stop(src); // it was writing into a destination that is gone
      finish(dst, "destination write", destinationError.get());
      throw new IllegalStateException("destination write stopped reading its input before the source finished (exit 0)");
    }
    finish(dst, "destination write", destinationError.get());
    return new Result(counts.snapshot(), stateFile());
  }

  /**
   * Null if the source, whose output ended, finished: it exits 0 and printed no TRACE error. Else
   * how it failed, e.g. "(exit 1): config_error: …".
   */
  private static String sourceFailure(Process src, String error) throws InterruptedException {
    if (!src.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
      src.destroyForcibly();
      return "(its output ended, but it did not exit within " + EXIT_WAIT_SECONDS + " s)";
    }
    if (src.exitValue() != 0 || error != null) {
      return "(exit " + src.exitValue() + ")" + (error == null ? "" : ": " + error);
    }
    return null;
  }

  private static void endInput(MessageWriter toDestination, Process dst) {
    try {
      toDestination.flush();
      dst.getOutputStream().close();
    } catch (IOException | UncheckedIOException e) {
      // It exited already: its exit code and output say why.
    }
  }

  /** Lets the destination confirm the states it was sent (it commits them as they arrive), for a bounded time. */
  private void awaitConfirmations(AtomicLong forwarded, Process dst) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONFIRM_WAIT_SECONDS);
    while (counts.states() < forwarded.get() && dst.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /**
   * Stops a connector without ending its input: SIGTERM, then SIGKILL if it has not exited after a
   * while. Through its handle: {@link Process#destroy()} also closes our end of its stdin right
   * after the signal, and a destination may read that end of input before the signal stops it.
   */
  private static void stop(Process p) throws InterruptedException {
    p.toHandle().destroy();
    if (!p.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
      p.toHandle().destroyForcibly();
      p.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * Starts a connector. What it prints on stderr (a JVM's warnings, docker's own messages) goes to
   * the log line by line, named, rather than to this terminal, where it would break the progress block.
   */
  private Process start(String who, List<String> command, List<String> args) throws IOException {
    List<String> argv = new ArrayList<>(command);
    argv.addAll(args);
    Process p = new ProcessBuilder(argv).start();
    Thread stderr = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (!line.isBlank()) {
            log.accept(who + " (stderr): " + line);
          }
        }
      } catch (IOException e) {
        // The process is gone and its stderr with it.
      }
    }, who + "-stderr");
    stderr.setDaemon(true);
    stderr.start();
    stderrReaders.add(stderr);
    return p;
  }

  /** Lets the connectors' last stderr lines reach the log before what this sync says about them. */
  private void drainStderr() throws InterruptedException {
    for (Thread t : stderrReaders) {
      t.join(TimeUnit.SECONDS.toMillis(5));
    }
    stderrReaders.clear();
  }

  /** Reads messages; LOG lines go to the log, the first TRACE error is kept. */
  private void consume(InputStream in, String who, AtomicReference<String> error, Consumer<AirbyteMessage> each) {
    MessageReader reader = new MessageReader(in);
    try {
      AirbyteMessage m;
      while ((m = reader.next()) != null) {
        if (m.type() == AirbyteMessage.Type.LOG) {
          log.accept(who + " " + m.log().level() + ": " + m.log().message());
        } else if (m.type() == AirbyteMessage.Type.TRACE && m.trace().error() != null) {
          error.compareAndSet(null, m.trace().error().failureType().wire() + ": " + m.trace().error().message());
          log.accept(who + " ERROR (" + m.trace().error().failureType().wire() + "): " + m.trace().error().message());
        }
        each.accept(m);
      }
    } catch (IOException | RuntimeException e) {
      error.compareAndSet(null, "unreadable output: " + e.getMessage());
    }
  }

  private static void removeContainer(Endpoint endpoint) {
    if (endpoint.container() != null) {
      ImageCommand.remove(endpoint.container());
    }
  }

  private static void finish(Process p, String what, String error) throws InterruptedException {
    if (!p.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not exit within " + EXIT_WAIT_SECONDS + " s after its output ended");
    }
    if (p.exitValue() != 0 || error != null) {
      throw new IllegalStateException(what + " failed (exit " + p.exitValue() + ")" + (error == null ? "" : ": " + error));
    }
  }

  private Map<StreamDescriptor, AirbyteStateMessage> loadState() throws IOException {
    Map<StreamDescriptor, AirbyteStateMessage> states = new LinkedHashMap<>();
    if (Files.exists(stateFile())) {
      for (AirbyteStateMessage s : Json.mapper().readValue(stateFile().toFile(), AirbyteStateMessage[].class)) {
        remember(states, s);
      }
    }
    return states;
  }

  /** The latest state per stream; a GLOBAL state replaces everything (key: a null-named descriptor). */
  private static void remember(Map<StreamDescriptor, AirbyteStateMessage> states, AirbyteStateMessage s) {
    if (s.effectiveType() == AirbyteStateMessage.StateType.GLOBAL) {
      states.clear();
      states.put(StreamDescriptor.of("", "*global*"), s);
    } else if (s.stream() != null) {
      states.remove(StreamDescriptor.of("", "*global*"));
      states.put(s.stream().streamDescriptor(), s);
    }
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a state file. */
  private void saveState(Map<StreamDescriptor, AirbyteStateMessage> states) {
    try {
      Path tmp = workDir.resolve("state.json.tmp");
      List<AirbyteStateMessage> clean = states.values().stream()
          .map(s -> new AirbyteStateMessage(s.type(), s.stream(), s.global(), s.data(), null, null, s.additionalProperties()))
          .toList();
      Files.writeString(tmp, Json.write(clean));
      Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + stateFile(), e);
    }
  }
}
