package io.jcdk.cli;

import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcdk sync}: one sync from a source into a destination, resuming from the saved state. */
@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = KitVersion.class,
    description = "Run a source into a destination; confirmed states are saved in <work-dir>/state.json.")
final class SyncCommand implements Callable<Integer> {

  @Option(names = "--source", required = true, description = "source command line, e.g. \"java -jar source.jar\"")
  String source;

  @Option(names = "--source-config", required = true, description = "the source's config file")
  Path sourceConfig;

  @Option(names = "--destination", required = true, description = "destination command line")
  String destination;

  @Option(names = "--destination-config", required = true, description = "the destination's config file")
  Path destinationConfig;

  @Option(names = "--catalog", description = "configured catalog; default: every discovered stream")
  Path catalog;

  @Option(names = "--work-dir", defaultValue = "jcdk-sync", description = "where catalog.json and state.json live (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    LocalSync sync = new LocalSync(new LocalSync.Endpoint(CommandWords.split(source), sourceConfig),
        new LocalSync.Endpoint(CommandWords.split(destination), destinationConfig), workDir, System.err);
    ConfiguredAirbyteCatalog configured = catalog != null
        ? Json.mapper().readValue(Files.readAllBytes(catalog), ConfiguredAirbyteCatalog.class)
        : LocalSync.configureAll(sync.discover());
    LocalSync.Result result;
    try {
      result = sync.run(configured);
    } catch (IllegalStateException e) { // a connector failed: its cause, without this tool's stack
      System.err.println("jcdk sync: " + e.getMessage());
      return 1;
    }
    System.out.printf("sync done: %,d records read, %,d confirmed by the destination in %,d states; state saved in %s%n",
        result.recordsRead(), result.recordsConfirmed(), result.statesConfirmed(), result.stateFile());
    return 0;
  }
}
