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
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a source into a destination on this machine, the way the platform does: the source's
 * records, states and stream statuses are piped into the destination, and each state the
 * destination confirms is saved to {@code state.json}, so the next run resumes from it.
 */
public final class LocalSync {

  /** A connector command line (e.g. {@code java -jar c.jar}) and its config file. */
  public record Endpoint(List<String> command, Path config) {}

  /** What one sync moved. */
  public record Result(long recordsRead, long recordsConfirmed, long statesConfirmed, Path stateFile) {}

  private final Endpoint source;
  private final Endpoint destination;
  private final Path workDir;
  private final PrintStream log;

  public LocalSync(Endpoint source, Endpoint destination, Path workDir, PrintStream log) {
    this.source = source;
    this.destination = destination;
    this.workDir = workDir;
    this.log = log;
  }

  public Path stateFile() {
    return workDir.resolve("state.json");
  }

  /** Runs the source's {@code discover}. */
  public AirbyteCatalog discover() throws IOException, InterruptedException {
    Process p = start(source.command(), List.of("discover", "--config", source.config().toString()));
    p.getOutputStream().close();
    AtomicReference<String> error = new AtomicReference<>();
    AirbyteCatalog[] catalog = new AirbyteCatalog[1];
    consume(p.getInputStream(), "source", error, m -> {
      if (m.type() == AirbyteMessage.Type.CATALOG) {
        catalog[0] = m.catalog();
      }
    });
    finish(p, "source discover", error.get());
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

  /** One sync of {@code catalog}, resuming from the saved state if there is one. */
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

    Process src = start(source.command(), readArgs);
    src.getOutputStream().close();
    Process dst = start(destination.command(), List.of("write", "--config", destination.config().toString(),
        "--catalog", catalogFile.toString()));

    AtomicLong read = new AtomicLong();
    AtomicLong confirmed = new AtomicLong();
    AtomicLong states = new AtomicLong();
    AtomicReference<String> sourceError = new AtomicReference<>();
    AtomicReference<String> destinationError = new AtomicReference<>();

    Thread pump = new Thread(() -> {
      try (MessageWriter toDestination = new MessageWriter(dst.getOutputStream())) {
        consume(src.getInputStream(), "source", sourceError, m -> {
          switch (m.type()) {
            case RECORD -> {
              toDestination.write(m.record());
              read.incrementAndGet();
            }
            case STATE -> toDestination.write(m);
            case TRACE -> {
              if (m.trace().streamStatus() != null) {
                toDestination.write(m);
              }
            }
            default -> { }
          }
        });
      } catch (UncheckedIOException e) {
        sourceError.compareAndSet(null, "the destination stopped reading: " + e.getMessage());
      }
      try {
        dst.getOutputStream().close(); // end of input: the destination completes its streams
      } catch (IOException e) {
        sourceError.compareAndSet(null, "cannot close the destination's input: " + e.getMessage());
      }
    }, "source-to-destination");
    Thread confirmations = new Thread(() -> consume(dst.getInputStream(), "destination", destinationError, m -> {
      if (m.type() == AirbyteMessage.Type.STATE) {
        AirbyteStateMessage s = m.state();
        if (s.destinationStats() != null && s.destinationStats().recordCount() != null) {
          confirmed.addAndGet(s.destinationStats().recordCount().longValue());
        }
        states.incrementAndGet();
        remember(saved, s);
        saveState(saved);
      }
    }), "destination-states");
    pump.start();
    confirmations.start();
    long start = System.nanoTime();
    for (Thread t : List.of(pump, confirmations)) {
      t.join(5_000);
      while (t.isAlive()) {
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf("sync: %,d records read (%,.0f/s), %,d confirmed in %,d states%n",
            read.get(), read.get() / seconds, confirmed.get(), states.get());
        t.join(5_000);
      }
    }
    finish(src, "source read", sourceError.get());
    finish(dst, "destination write", destinationError.get());
    return new Result(read.get(), confirmed.get(), states.get(), stateFile());
  }

  private Process start(List<String> command, List<String> args) throws IOException {
    List<String> argv = new ArrayList<>(command);
    argv.addAll(args);
    return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Reads messages; LOG lines go to the log, the first TRACE error is kept. */
  private void consume(InputStream in, String who, AtomicReference<String> error, java.util.function.Consumer<AirbyteMessage> each) {
    MessageReader reader = new MessageReader(in);
    try {
      AirbyteMessage m;
      while ((m = reader.next()) != null) {
        if (m.type() == AirbyteMessage.Type.LOG) {
          log.printf("%s %s: %s%n", who, m.log().level(), m.log().message());
        } else if (m.type() == AirbyteMessage.Type.TRACE && m.trace().error() != null) {
          error.compareAndSet(null, m.trace().error().failureType().wire() + ": " + m.trace().error().message());
          log.printf("%s ERROR (%s): %s%n", who, m.trace().error().failureType().wire(), m.trace().error().message());
        }
        each.accept(m);
      }
    } catch (IOException | RuntimeException e) {
      error.compareAndSet(null, "unreadable output: " + e.getMessage());
    }
  }

  private static void finish(Process p, String what, String error) throws InterruptedException {
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not exit within 10 minutes after its output ended");
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
