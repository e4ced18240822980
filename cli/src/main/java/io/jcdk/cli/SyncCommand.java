package io.jcdk.cli;

import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcdk sync}: one sync from a source into a destination, resuming from the saved state. */
@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = KitVersion.class,
    description = "Run a source into a destination; confirmed states are saved in <work-dir>/state.json."
        + " Progress goes to stderr, the summary to stdout.")
final class SyncCommand implements Callable<Integer> {

  @ArgGroup(multiplicity = "1")
  SourceChoice source;

  @Option(names = "--source-config", required = true, description = "the source's config file")
  Path sourceConfig;

  @ArgGroup(multiplicity = "1")
  DestinationChoice destination;

  @Option(names = "--destination-config", required = true, description = "the destination's config file")
  Path destinationConfig;

  @Option(names = "--streams", split = ",", paramLabel = "STREAM",
      description = "only these discovered streams, as namespace.name or name (default: every stream)")
  List<String> streams;

  @Option(names = "--catalog", description = "configured catalog; default: the discovered streams")
  Path catalog;

  @Option(names = "--work-dir", defaultValue = "jcdk-sync", description = "where catalog.json and state.json live (default: ${DEFAULT-VALUE})")
  Path workDir;

  /** {@code --source CMD} or {@code --source-image IMAGE}, one of them. */
  static final class SourceChoice {
    @Option(names = "--source", required = true, description = "source command line (e.g. \"java -jar source.jar\"),"
        + " or an image: one word with a '/' or ':' that is not a file")
    String command;

    @Option(names = "--source-image", required = true, description = "the source as an image, run with docker run")
    String image;
  }

  /** {@code --destination CMD} or {@code --destination-image IMAGE}, one of them. */
  static final class DestinationChoice {
    @Option(names = "--destination", required = true, description = "destination command line, or an image")
    String command;

    @Option(names = "--destination-image", required = true, description = "the destination as an image, run with docker run")
    String image;
  }

  @Override
  public Integer call() throws Exception {
    if (catalog != null && streams != null) {
      System.err.println("jcdk sync: --streams picks from the discovered streams; with --catalog, list them in the catalog");
      return 2;
    }
    Path cwd = Path.of("").toAbsolutePath();
    // Before any docker run mounts it: docker would create a missing directory, owned by root.
    Files.createDirectories(workDir);
    String containers = "jcdk-sync-" + ProcessHandle.current().pid() + "-";
    LocalSync.Endpoint src = endpoint(source.command, source.image, sourceConfig, workDir, cwd, containers + "source");
    LocalSync.Endpoint dst = endpoint(destination.command, destination.image, destinationConfig, workDir, cwd,
        containers + "destination");
    SyncCounts counts = new SyncCounts();
    int columns = ProgressDisplay.terminalColumns(System.getenv("JCDK_TERMINAL"), System.console() != null);
    try (ProgressDisplay display = new ProgressDisplay(System.err, counts, columns, System::nanoTime)) {
      LocalSync sync = new LocalSync(src, dst, workDir, counts, display::message);
      try {
        ConfiguredAirbyteCatalog configured = catalog != null
            ? Json.mapper().readValue(Files.readAllBytes(catalog), ConfiguredAirbyteCatalog.class)
            : LocalSync.configureAll(streams == null ? sync.discover() : AirbyteCatalog.of(pick(sync.discover().streams(), streams)));
        display.start();
        LocalSync.Result result = sync.run(configured);
        display.close();
        ProgressDisplay.summary(result.counts(), display.elapsed(), result.stateFile()).forEach(System.out::println);
        return 0;
      } catch (UnknownStreamsException e) {
        display.close();
        System.err.println("jcdk sync: " + e.getMessage());
        return 2;
      } catch (IllegalStateException e) { // a connector failed: its cause, without this tool's stack
        display.close();
        System.err.println("jcdk sync: " + e.getMessage());
        return 1;
      }
    }
  }

  /** {@code --streams} names what the source does not have (or more than one of its streams). */
  static final class UnknownStreamsException extends RuntimeException {
    UnknownStreamsException(String message) {
      super(message);
    }
  }

  /**
   * The connector as given: a command line, or an image run with {@code docker run} as container
   * {@code name}, seeing its config and the sync's catalog and state.
   */
  static LocalSync.Endpoint endpoint(String command, String image, Path config, Path workDir, Path cwd, String name) {
    if (image == null && !ImageCommand.looksLikeImage(command)) {
      return new LocalSync.Endpoint(CommandWords.split(command), config);
    }
    List<Path> files = new ArrayList<>(List.of(config));
    files.addAll(LocalSync.files(workDir));
    return new LocalSync.Endpoint(ImageCommand.dockerRun(image != null ? image : command.strip(), name, cwd, files),
        config, name);
  }

  /**
   * The discovered streams {@code names} pick, in the order discovered: each name is a stream's
   * {@code namespace.name}, or its {@code name} when no other stream has that name.
   *
   * @throws UnknownStreamsException naming what matched nothing or more than one stream, and the
   *     streams there are
   */
  static List<AirbyteStream> pick(List<AirbyteStream> discovered, List<String> names) {
    Set<AirbyteStream> picked = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      String n = name.strip();
      List<AirbyteStream> exact = discovered.stream().filter(s -> s.descriptor().displayName().equals(n)).toList();
      List<AirbyteStream> matched = !exact.isEmpty() ? exact
          : discovered.stream().filter(s -> s.descriptor().name().equals(n)).toList();
      if (matched.size() == 1) {
        picked.add(matched.get(0));
      } else if (matched.isEmpty()) {
        problems.add("no stream '" + n + "'");
      } else {
        problems.add("'" + n + "' is " + matched.stream().map(s -> s.descriptor().displayName()).toList()
            + ": give namespace.name");
      }
    }
    if (!problems.isEmpty()) {
      throw new UnknownStreamsException("--streams: " + String.join("; ", problems) + ". The source's streams: "
          + String.join(", ", discovered.stream().map(s -> s.descriptor().displayName()).sorted().toList()));
    }
    return discovered.stream().filter(picked::contains).toList();
  }
}
