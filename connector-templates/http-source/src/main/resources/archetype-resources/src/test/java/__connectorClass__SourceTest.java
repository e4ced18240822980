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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector run in-process, command by command, against the example API served in this JVM. */
class ${connectorClass}SourceTest {

  private static final String TOKEN = "test-token-7d2f";
  private static final Path ACCEPTANCE = Path.of("src/test/resources/acceptance");

  private static ${connectorClass}Api api;

  @TempDir
  Path dir;

  @BeforeAll
  static void startApi() {
    api = ${connectorClass}Api.start(TOKEN);
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @Test
  void checkSucceedsWithAValidToken() throws IOException {
    CliRun run = run("check", "--config", config(TOKEN));

    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement()
        .satisfies(m -> assertThat(m.connectionStatus().status()).isEqualTo(Status.SUCCEEDED));
  }

  @Test
  void checkReportsFailedNamingTheTokenWhenTheApiRefusesIt() throws IOException {
    CliRun run = run("check", "--config", config("a-token-the-api-refuses"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement().satisfies(m -> {
      assertThat(m.connectionStatus().status()).isEqualTo(Status.FAILED);
      assertThat(m.connectionStatus().message()).contains("api_token");
    });
    assertThat(run.stdout()).doesNotContain("a-token-the-api-refuses");
  }

  @Test
  void fullRefreshReadsEveryPage() throws IOException {
    CliRun run = run("read", "--config", config(TOKEN), "--catalog", ACCEPTANCE.resolve("configured_catalog.json").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.RECORD)).hasSize(${connectorClass}Api.ITEMS);
    run.lines().forEach(line -> assertThat(ProtocolSchema.problems(line)).as(line).isEmpty());
  }

  @Test
  void incrementalReadResumesFromItsStateWithoutLosingItems() throws IOException {
    String config = config(TOKEN);
    String catalog = ACCEPTANCE.resolve("incremental_catalog.json").toString();
    List<AirbyteMessage> states = run("read", "--config", config, "--catalog", catalog).ofType(AirbyteMessage.Type.STATE);
    Path state = Files.writeString(dir.resolve("state.json"), Json.write(List.of(states.get(states.size() - 1).state())));

    CliRun resumed = run("read", "--config", config, "--catalog", catalog, "--state", state.toString());

    // The last two items share the saved updated_at: read again, never skipped.
    assertThat(resumed.ofType(AirbyteMessage.Type.RECORD))
        .extracting(m -> m.record().data().tree().get("id").asLong())
        .containsExactly(19L, 20L);
  }

  private String config(String token) throws IOException {
    return Files.writeString(dir.resolve("config.json"),
        "{\"base_url\": \"" + api.url() + "\", \"api_token\": \"" + token + "\"}").toString();
  }

  private static CliRun run(String... args) {
    return CliRun.run(ConnectorCli.forSource(new ${connectorClass}Source()), "", args);
  }
}
