package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.atIndex;

import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jcdk sync} with real source and destination processes. When one side fails, the other is
 * stopped: the destination never gets an end of input it could take for a finished source (its
 * journal then lacks "close"), the states it confirmed stay saved, and the sync fails with the cause.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalSyncIT {

  @TempDir Path dir;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  /** What the sync logged, in the test report. */
  @AfterEach
  void printLog() {
    System.out.print(log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aSourceThatFinishesEndsTheDestinationsInputSoItCompletes() throws Exception {
    LocalSync.Result result = sync("finish", 25, 0).run(catalog());

    assertThat(result.recordsRead()).isEqualTo(25);
    assertThat(journal()).contains("complete snap").last().isEqualTo("close");
    assertThat(savedState()).contains("\"n\":25");
  }

  @Test
  void whatAConnectorPrintsOnStderrGoesToTheLogNamedSoItCannotBreakTheProgressBlock() throws Exception {
    Path config = Files.writeString(dir.resolve("loud-source.json"),
        "{\"records\":5,\"end\":\"finish\",\"stderr\":\"WARNING: a JVM warning\"}");
    new LocalSync(new LocalSync.Endpoint(command(ScriptedSource.class), config),
        new LocalSync.Endpoint(command(JournalDestination.class), destinationConfig(0)),
        dir.resolve("work"), new PrintStream(log, true, StandardCharsets.UTF_8)).run(catalog());

    assertThat(log.toString(StandardCharsets.UTF_8)).contains("source (stderr): WARNING: a JVM warning");
  }

  @Test
  void aSourceThatFailsWithATraceErrorStopsTheDestinationWithoutAnEndOfInput() throws Exception {
    LocalSync sync = sync("trace", 35, 0);

    assertThatThrownBy(() -> sync.run(catalog()))
        .hasMessageContaining("source read failed (exit 1)")
        .hasMessageContaining("config_error: The table snap is gone")
        .hasMessageContaining("the destination was stopped before its input ended");
    assertThat(journal()).as("the destination never saw an end of input").doesNotContain("close")
        .filteredOn("commit"::equals).hasSizeGreaterThanOrEqualTo(3);
    assertThat(savedState()).as("the last state the destination confirmed").contains("\"n\":30");
  }

  @Test
  void aSourceThatDiesWithoutATraceStopsTheDestinationWithoutAnEndOfInput() throws Exception {
    LocalSync sync = sync("halt", 35, 0);

    assertThatThrownBy(() -> sync.run(catalog())).hasMessageContaining("source read failed (exit 3)");
    assertThat(journal()).as("the destination never saw an end of input").doesNotContain("close");
    assertThat(savedState()).contains("\"n\":30");
  }

  @Test
  void jcdkSyncExitsNonZeroWithTheSourcesCause() throws Exception {
    Cli cli = jcdkSync("trace", 35);

    assertThat(cli.code()).isEqualTo(1);
    assertThat(cli.err()).contains("jcdk sync: source read failed (exit 1): config_error:"
        + " The table snap is gone").doesNotContain("\tat ");
  }

  @Test
  void jcdkSyncPrintsASummaryOfTheRecordsEachStreamAndTheStateFileOnStdout() throws Exception {
    Cli cli = jcdkSync("finish", 25, "--streams", "snap");

    assertThat(cli.code()).isZero();
    Path state = dir.resolve("cli").resolve("state.json");
    assertThat(cli.out().lines()).hasSize(3)
        .satisfies(l -> assertThat(l).matches("sync done in 0:\\d\\d: 25 records \\(0\\.0 MB\\) read, 25 confirmed by the"
            + " destination in 3 states"), atIndex(0))
        .satisfies(l -> assertThat(l).matches(" +snap +25 records +0\\.0 MB"), atIndex(1))
        .satisfies(l -> assertThat(l).isEqualTo("state saved in " + state), atIndex(2));
    assertThat(state).content().contains("\"n\":25");
  }

  @Test
  void jcdkSyncRefusesAStreamTheSourceDoesNotHaveAndListsItsStreams() throws Exception {
    Cli cli = jcdkSync("finish", 25, "--streams", "snap,shop.orders");

    assertThat(cli.code()).isEqualTo(2);
    assertThat(cli.err()).contains("jcdk sync: --streams: no stream 'shop.orders'. The source's streams: snap");
    assertThat(dir.resolve("journal.txt")).as("no destination was started").doesNotExist();
  }

  @Test
  void jcdkSyncExitsNonZeroWithTheCauseWhenDiscoverFails() throws Exception {
    Cli cli = jcdkSync("false", "finish", 1, "--streams", "snap");

    assertThat(cli.code()).isEqualTo(1);
    assertThat(cli.err()).contains("jcdk sync: source discover failed (exit 1)").doesNotContain("\tat ");
  }

  private record Cli(int code, String out, String err) {}

  /** {@code jcdk sync} in this JVM, with the scripted connectors as processes. */
  private Cli jcdkSync(String end, long records, String... more) throws Exception {
    return jcdkSync(String.join(" ", command(ScriptedSource.class)), end, records, more);
  }

  private Cli jcdkSync(String source, String end, long records, String... more) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      List<String> args = new ArrayList<>(List.of("sync",
          "--source", source, "--source-config", sourceConfig(end, records).toString(),
          "--destination", String.join(" ", command(JournalDestination.class)),
          "--destination-config", destinationConfig(0).toString(), "--work-dir", dir.resolve("cli").toString()));
      args.addAll(List.of(more));
      int code = new CommandLine(new Main()).execute(args.toArray(String[]::new));
      return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      log.writeBytes(err.toByteArray());
    }
  }

  /** A source far from done, blocked on a full pipe, must not keep the sync waiting. */
  @Test
  void aDestinationThatFailsStopsTheSource() throws Exception {
    LocalSync sync = sync("finish", 100_000_000, 1);

    assertThatThrownBy(() -> sync.run(catalog()))
        .hasMessageContaining("destination write failed (exit 1)")
        .hasMessageContaining("the disk is full");
    assertThat(Files.exists(sync.stateFile())).as("nothing was confirmed").isFalse();
  }

  private LocalSync sync(String end, long records, int failAtCommit) throws Exception {
    return new LocalSync(new LocalSync.Endpoint(command(ScriptedSource.class), sourceConfig(end, records)),
        new LocalSync.Endpoint(command(JournalDestination.class), destinationConfig(failAtCommit)),
        dir.resolve("work"), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /** The connector as a process on the test's class path. */
  private static List<String> command(Class<?> main) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp", classpath,
        main.getName());
  }

  private Path sourceConfig(String end, long records) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "source", ".json"),
        "{\"records\":" + records + ",\"end\":\"" + end + "\"}");
  }

  private Path destinationConfig(int failAtCommit) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "destination", ".json"),
        "{\"journal\":" + Json.write(dir.resolve("journal.txt").toString()) + ",\"fail_at_commit\":" + failAtCommit + "}");
  }

  private ConfiguredAirbyteCatalog catalog() throws Exception {
    return LocalSync.configureAll(sync("finish", 0, 0).discover());
  }

  private List<String> journal() throws Exception {
    Path journal = dir.resolve("journal.txt");
    return Files.exists(journal) ? Files.readAllLines(journal) : List.of();
  }

  private String savedState() throws Exception {
    return Files.readString(dir.resolve("work").resolve("state.json"));
  }
}
