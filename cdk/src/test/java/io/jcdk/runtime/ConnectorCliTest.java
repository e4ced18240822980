package io.jcdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteMessage.Type;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.DiscardingDestination;
import io.jcdk.testing.Files2;
import io.jcdk.testing.TestDestination;
import io.jcdk.testing.TestSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's commands as a user types them: arguments, config and catalog files, help and version,
 * the messages each command prints. Failures at the error boundary: {@link ConnectorCliErrorsTest}.
 */
class ConnectorCliTest {

  @TempDir Path dir;

  private static final String SECRET = "sk_live_Very-Secret-42";

  private CliRun source(String stdin, String... args) {
    return CliRun.run(ConnectorCli.forSource(new TestSource()), stdin, args);
  }

  private AirbyteMessage onlyError(CliRun run) {
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.ofType(Type.TRACE)).hasSize(1);
    return run.ofType(Type.TRACE).get(0);
  }

  @Test
  void specPrintsTheSpecificationInEitherFlagStyle() {
    for (String command : new String[] {"spec", "--spec"}) {
      CliRun run = source("", command);
      assertThat(run.exitCode()).isZero();
      assertThat(run.messages()).singleElement().satisfies(m -> {
        assertThat(m.type()).isEqualTo(Type.SPEC);
        assertThat(m.spec().connectionSpecification().path("required").toString()).contains("api_key");
      });
    }
  }

  @Test
  void aLeadingDoubleDashIsIgnoredAsMeltanosAirbyteWrapperPassesIt() {
    // tap-airbyte-wrapper runs "docker run <image> -- spec": the image's entrypoint gets "--" first.
    CliRun run = source("", "--", "spec");

    assertThat(run.exitCode()).isZero();
    assertThat(run.messages()).singleElement().extracting(m -> m.type()).isEqualTo(Type.SPEC);
  }

  @Test
  void checkReportsFailedNamingEachFieldThatBreaksTheSpec() {
    String config = Files2.write(dir, "config.json", "{\"count\":\"ten\",\"api_key\":\"" + SECRET + "\",\"checkpoint_every\":0}");
    CliRun run = source("", "check", "--config", config);
    assertThat(run.exitCode()).isZero();
    assertThat(run.messages()).singleElement().satisfies(m -> {
      assertThat(m.connectionStatus().status()).isEqualTo(Status.FAILED);
      assertThat(m.connectionStatus().message()).contains("field 'count': string found, integer expected").contains("field 'checkpoint_every'");
    });
  }

  @Test
  void aConnectorRewritesAForeignSpellingBeforeValidation() {
    TestSource lenient = new TestSource() {
      @Override
      public JsonNode migrateConfig(JsonNode config) {
        return config.path("count").isTextual()
            ? ((ObjectNode) config.deepCopy()).put("count", Integer.parseInt(config.get("count").asText())) : config;
      }
    };
    String config = Files2.write(dir, "config.json", "{\"count\":\"3\",\"api_key\":\"k\"}");
    CliRun run = CliRun.run(ConnectorCli.forSource(lenient), "", "check", "--config", config);
    assertThat(run.messages()).singleElement()
        .satisfies(m -> assertThat(m.connectionStatus().status()).as(m.connectionStatus().message())
            .isEqualTo(Status.SUCCEEDED));
  }

  @Test
  void checkReportsFailedWhenTheConnectorRejectsTheCredentials() {
    String config = Files2.write(dir, "config.json", "{\"count\":1,\"api_key\":\"wrong\"}");
    CliRun run = source("", "--check", "--config", config);
    assertThat(run.exitCode()).isZero();
    assertThat(run.messages().get(0).connectionStatus().message()).contains("API key was rejected");
  }

  @Test
  void checkReportsFailedWhenTheClassifierCallsTheErrorAConfigError() {
    String config = Files2.write(dir, "config.json", "{\"count\":1,\"api_key\":\"" + SECRET + "\"}");
    ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
      @Override
      public AirbyteConnectionStatus check(Config c) {
        throw new SecurityException("401 Unauthorized for key " + c.apiKey());
      }
    }).errorClassifier(e -> e instanceof SecurityException
        ? Optional.of(ConnectorException.config("The API key was refused: check the field 'api_key'.", e))
        : Optional.empty());

    CliRun run = CliRun.run(cli, "", "check", "--config", config);

    assertThat(run.exitCode()).isZero();
    assertThat(run.messages()).singleElement().satisfies(m -> {
      assertThat(m.connectionStatus().status()).isEqualTo(Status.FAILED);
      assertThat(m.connectionStatus().message()).isEqualTo("The API key was refused: check the field 'api_key'.");
    });
  }

  @Test
  void checkReportsAnErrorTheClassifierCallsTransientAsATraceError() {
    String config = Files2.write(dir, "config.json", "{\"count\":1,\"api_key\":\"k\"}");
    ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
      @Override
      public AirbyteConnectionStatus check(Config c) {
        throw new IllegalStateException("503 Service Unavailable");
      }
    }).errorClassifier(e -> Optional.of(ConnectorException.transientError("Try again later.", e)));

    AirbyteMessage trace = onlyError(CliRun.run(cli, "", "check", "--config", config));

    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
  }

  @Test
  void readBackPrintsWhatTheDestinationHoldsForEachStreamOfTheCatalog() {
    TestDestination destination = new TestDestination();
    String config = Files2.write(dir, "config.json", "{}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users", "orders"));
    String input = """
        {"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":1}}
        {"type":"RECORD","record":{"stream":"orders","data":{"id":7},"emitted_at":1}}
        {"type":"RECORD","record":{"stream":"users","data":{"id":2},"emitted_at":1}}
        {"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"id":2}}}}
        """;
    assertThat(CliRun.run(ConnectorCli.forDestination(destination), input, "write", "--config", config, "--catalog", catalog)
        .exitCode()).isZero();

    CliRun run = CliRun.run(ConnectorCli.forDestination(destination), "", "read-back", "--config", config, "--catalog", catalog);

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(Type.RECORD)).extracting(m -> m.record().stream() + " " + m.record().data().tree())
        .containsExactly("users {\"id\":1}", "users {\"id\":2}", "orders {\"id\":7}");
  }

  @Test
  void readBackIsNoCommandOfADestinationThatCannotReadBack() {
    String config = Files2.write(dir, "config.json", "{}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));

    AirbyteMessage trace = onlyError(CliRun.run(ConnectorCli.forDestination(new DiscardingDestination()), "",
        "read-back", "--config", config, "--catalog", catalog));

    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(trace.trace().error().message()).contains("read-back");
  }

  @Test
  void discoverWithAnInvalidConfigIsAConfigErrorNamingTheMissingField() {
    String config = Files2.write(dir, "config.json", "{\"count\":1}");
    AirbyteMessage trace = onlyError(source("", "discover", "--config", config));
    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(trace.trace().error().message()).contains("api_key");
  }

  @Test
  void missingConfigFileIsAConfigErrorNamingTheFile() {
    AirbyteMessage trace = onlyError(source("", "discover", "--config", dir.resolve("nope.json").toString()));
    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(trace.trace().error().message()).contains("--config").contains("nope.json").contains("does not exist");
  }

  @Test
  void malformedConfigFileIsAConfigError() {
    String config = Files2.write(dir, "config.json", "{\"count\": 1,");
    AirbyteMessage trace = onlyError(source("", "check", "--config", config));
    assertThat(trace.trace().error().message()).contains("is not valid JSON");
  }

  @Test
  void unreadableCatalogIsAConfigErrorNamingTheFile() {
    String config = Files2.write(dir, "config.json", "{\"count\":1,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", "{\"streams\": {}}");
    AirbyteMessage trace = onlyError(source("", "read", "--config", config, "--catalog", catalog));
    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(trace.trace().error().message()).contains("catalog.json").contains("'streams' array");

    String noModes = Files2.write(dir, "catalog2.json", "{\"streams\":[{\"stream\":{\"name\":\"users\"}}]}");
    trace = onlyError(source("", "read", "--config", config, "--catalog", noModes));
    assertThat(trace.trace().error().message()).contains("'users'").contains("sync_mode");
  }

  @Test
  void unknownCommandOrMissingOptionIsAConfigErrorWithUsage() {
    AirbyteMessage trace = onlyError(source("", "read", "--config", "x"));
    assertThat(trace.trace().error().message()).contains("--catalog").contains("Usage");
    trace = onlyError(source("", "frobnicate"));
    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.CONFIG_ERROR);
  }

  @Test
  void theUsageInAnErrorListsTheCommandsOfThisKindOfConnectorOnly() {
    String sourceUsage = onlyError(source("", "frobnicate")).trace().error().message();
    String destinationUsage = onlyError(CliRun.run(ConnectorCli.forDestination(new DiscardingDestination()), "",
        "frobnicate")).trace().error().message();

    assertThat(sourceUsage).contains("discover --config F").contains("read --config F").doesNotContain("write");
    assertThat(destinationUsage).contains("write --config F --catalog F").doesNotContain("discover")
        .doesNotContain("read");
  }

  @Test
  void helpOfTheConnectorAndOfEachCommandGoesToStderrWithExitZero() {
    for (String[] args : new String[][] {{"--help"}, {"check", "--help"}, {"read", "-h"}, {"spec", "--help"}}) {
      CliRun[] run = new CliRun[1];
      String stderr = CapturedStderr.of(() -> run[0] = source("", args));

      assertThat(run[0].exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run[0].stdout()).as(String.join(" ", args)).isEmpty();
      assertThat(stderr).as(String.join(" ", args)).contains("Usage: TestSource");
    }
  }

  @Test
  void versionGoesToStderrAndSaysWhenItIsUnknown() {
    CliRun[] run = new CliRun[1];
    String stderr = CapturedStderr.of(() -> run[0] = source("", "--version"));

    assertThat(run[0].exitCode()).isZero();
    assertThat(run[0].stdout()).isEmpty();
    assertThat(stderr).contains("TestSource: version unknown (run from classes, not from the "
        + "connector's jar or image)");
  }

  @Test
  void writeRejectsARecordForAStreamNotInTheCatalogNamingTheLine() {
    String config = Files2.write(dir, "config.json", "{}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    String input = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"emitted_at\":1,\"data\":{}}}\n"
        + "{\"type\":\"RECORD\",\"record\":{\"stream\":\"ghosts\",\"emitted_at\":1,\"data\":{}}}\n";
    CliRun run = CliRun.run(ConnectorCli.forDestination(new TestDestination()), input,
        "write", "--config", config, "--catalog", catalog);
    AirbyteMessage trace = onlyError(run);
    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(trace.trace().error().message()).contains("Line 2").contains("'ghosts'").contains("not in the configured catalog");
  }

  @Test
  void writeRejectsMalformedInputNamingTheLine() {
    String config = Files2.write(dir, "config.json", "{}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    CliRun run = CliRun.run(ConnectorCli.forDestination(new TestDestination()), "{\"type\":\"RECORD\"\n{}",
        "write", "--config", config, "--catalog", catalog);
    AirbyteMessage trace = onlyError(run);
    assertThat(trace.trace().error().message()).contains("line 1: malformed JSON");

    run = CliRun.run(ConnectorCli.forDestination(new TestDestination()), "{\"type\":\"GOSSIP\"}\n",
        "write", "--config", config, "--catalog", catalog);
    assertThat(onlyError(run).trace().error().message()).contains("line 1: invalid value 'GOSSIP'");
  }

  @Test
  void readAcceptsTheArrayAndTheLegacyStateForms() {
    String config = Files2.write(dir, "config.json", "{\"count\":3,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    String array = Files2.write(dir, "state.json",
        "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"users\"},\"stream_state\":{\"id\":2}}}]");
    CliRun run = source("", "read", "--config", config, "--catalog", catalog, "--state", array);
    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(Type.RECORD)).singleElement().satisfies(m -> assertThat(m.record().data().tree().get("id").asInt()).isEqualTo(3));

    String legacy = Files2.write(dir, "legacy.json", "{\"users\":{\"id\":2}}");
    run = source("", "read", "--config", config, "--catalog", catalog, "--state", legacy);
    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(Type.RECORD)).hasSize(3); // the test source ignores legacy state, but it is accepted
    assertThat(run.ofType(Type.STATE)).allSatisfy(m -> assertThat(m.state().type()).isNotNull());

    String broken = Files2.write(dir, "broken.json", "[{\"type\":\"STREAM\"}]");
    AirbyteMessage trace = onlyError(source("", "read", "--config", config, "--catalog", catalog, "--state", broken));
    assertThat(trace.trace().error().message()).contains("state file").contains("stream_descriptor");
  }
  /** A connector's own command, given the context, loads its config like check does: masked. */
  @picocli.CommandLine.Command(name = "use-key")
  static final class UseKey implements Callable<Integer> {
    private final CommandContext context;

    @picocli.CommandLine.Option(names = "--config", required = true)
    Path config;

    UseKey(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      TestSource.Config loaded = context.config(new TestSource(), config);
      throw new IllegalStateException("the server refused key " + loaded.apiKey());
    }
  }

  @Test
  void aConnectorsOwnCommandLoadsItsConfigWithSecretsMasked() {
    String config = Files2.write(dir, "config.json", "{\"count\":1,\"api_key\":\"" + SECRET + "\"}");
    CliRun run = CliRun.run(ConnectorCli.forSource(new TestSource()).subcommand(UseKey::new), "", "use-key", "--config", config);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain(SECRET).contains("the server refused key **********");
    String invalid = Files2.write(dir, "invalid.json", "{\"count\":\"ten\",\"api_key\":\"" + SECRET + "\"}");
    CliRun bad = CliRun.run(ConnectorCli.forSource(new TestSource()).subcommand(UseKey::new), "", "use-key", "--config", invalid);
    assertThat(bad.stdout()).contains("field 'count': string found, integer expected").doesNotContain(SECRET);
  }

  /** A connector's own command reads a catalog through the context, checked like write's. */
  @picocli.CommandLine.Command(name = "count-streams")
  static final class CountStreams implements Callable<Integer> {
    private final CommandContext context;

    @picocli.CommandLine.Option(names = "--catalog", required = true)
    Path catalog;

    CountStreams(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws java.io.IOException {
      context.stdout().write(("streams " + context.catalog(catalog).streams().size()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return 0;
    }
  }

  @Test
  void aConnectorsOwnCommandReadsItsCatalogWithTheChecksOfWrite() {
    String good = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users", "orders"));
    CliRun run = CliRun.run(ConnectorCli.forSource(new TestSource()).subcommand(CountStreams::new), "", "count-streams", "--catalog", good);
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("streams 2");
    String bad = Files2.write(dir, "bad.json", "{\"streams\":[{\"stream\":{\"name\":\"users\"}}]}");
    AirbyteMessage trace = onlyError(CliRun.run(ConnectorCli.forSource(new TestSource()).subcommand(CountStreams::new), "",
        "count-streams", "--catalog", bad));
    assertThat(trace.trace().error().message()).contains("stream 'users' needs sync_mode and destination_sync_mode");
  }
}
