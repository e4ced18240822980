package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.ProtocolSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector run in-process, command by command, as the platform runs it. */
class ${connectorClass}SourceTest {

  private static final Path ACCEPTANCE = Path.of("src/test/resources/acceptance");

  @TempDir
  Path dir;

  @Test
  void checkSucceedsWithTheSampleKey() {
    CliRun run = run("check", "--config", ACCEPTANCE.resolve("config.json").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement()
        .satisfies(m -> assertThat(m.connectionStatus().status()).isEqualTo(Status.SUCCEEDED));
  }

  @Test
  void checkReportsFailedWhenApiKeyIsWrong() {
    CliRun run = run("check", "--config", ACCEPTANCE.resolve("invalid_config.json").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement().satisfies(m -> {
      assertThat(m.connectionStatus().status()).isEqualTo(Status.FAILED);
      assertThat(m.connectionStatus().message()).contains("'api_key'");
    });
    assertThat(run.stdout()).doesNotContain("a-key-the-system-refuses");
  }

  @Test
  void fullRefreshReadsEveryItemThenCompletes() {
    CliRun run = run("read", "--config", ACCEPTANCE.resolve("config.json").toString(),
        "--catalog", ACCEPTANCE.resolve("configured_catalog.json").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.RECORD)).hasSize(20);
    assertThat(run.timeline()).endsWith("STATUS items COMPLETE");
    run.lines().forEach(line -> assertThat(ProtocolSchema.problems(line)).as(line).isEmpty());
  }

  @Test
  void incrementalReadResumesFromItsStateWithoutLosingItems() throws IOException {
    String config = ACCEPTANCE.resolve("config.json").toString();
    String catalog = ACCEPTANCE.resolve("incremental_catalog.json").toString();
    CliRun first = run("read", "--config", config, "--catalog", catalog);
    List<AirbyteMessage> states = first.ofType(AirbyteMessage.Type.STATE);
    Path state = Files.writeString(dir.resolve("state.json"), Json.write(List.of(states.get(states.size() - 1).state())));

    CliRun resumed = run("read", "--config", config, "--catalog", catalog, "--state", state.toString());

    // The last two items share the saved updated_at: read again, never skipped.
    assertThat(resumed.ofType(AirbyteMessage.Type.RECORD))
        .extracting(m -> m.record().data().tree().get("id").asLong())
        .containsExactly(19L, 20L);
  }

  @Test
  void readRefusesAStreamTheSourceDoesNotHave() throws IOException {
    Path catalog = Files.writeString(dir.resolve("catalog.json"), Files.readString(
        ACCEPTANCE.resolve("configured_catalog.json")).replace("\"items\"", "\"orders\""));

    CliRun run = run("read", "--config", ACCEPTANCE.resolve("config.json").toString(), "--catalog", catalog.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.ofType(AirbyteMessage.Type.TRACE)).last()
        .satisfies(m -> assertThat(m.trace().error().message()).contains("'orders'", "refresh the catalog"));
  }

  private static CliRun run(String... args) {
    return CliRun.run(ConnectorCli.forSource(new ${connectorClass}Source())
        .errorClassifier(new ${connectorClass}ErrorClassifier()), "", args);
  }
}
