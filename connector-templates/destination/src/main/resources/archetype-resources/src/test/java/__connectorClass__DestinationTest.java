package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.ProtocolSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector run in-process, command by command, as the platform runs it. */
class ${connectorClass}DestinationTest {

  private static final List<String> ALL = List.of("append", "overwrite", "append_dedup");
  private static final List<String> OVERWRITE = List.of("overwrite");

  @TempDir
  Path dir;

  private String config;

  @BeforeEach
  void writeConfig() throws IOException {
    config = Files.writeString(dir.resolve("config.json"), "{\"directory\": \"" + dir.resolve("store") + "\"}").toString();
  }

  @Test
  void checkSucceedsOnAWritableDirectory() {
    CliRun run = run("", "check", "--config", config);

    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement()
        .satisfies(m -> assertThat(m.connectionStatus().status()).isEqualTo(Status.SUCCEEDED));
  }

  @Test
  void checkReportsFailedWhenTheDirectoryCannotBeCreated() throws IOException {
    String bad = Files.writeString(dir.resolve("bad.json"), "{\"directory\": \"/dev/null/store\"}").toString();

    CliRun run = run("", "check", "--config", bad);

    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.CONNECTION_STATUS)).singleElement().satisfies(m -> {
      assertThat(m.connectionStatus().status()).isEqualTo(Status.FAILED);
      assertThat(m.connectionStatus().message()).contains("'directory'");
    });
  }

  @Test
  void eachSyncModeKeepsWhatItPromises() throws IOException {
    write(ALL, records(ALL, 1, 2) + records(ALL, 2, 3) + states(ALL) + complete(ALL));
    write(ALL, records(ALL, 2, 4) + states(ALL) + complete(ALL));

    assertThat(readBack("append")).containsExactly(1, 2, 2, 3, 2, 3, 4);
    assertThat(readBack("overwrite")).containsExactly(2, 3, 4);
    assertThat(readBack("append_dedup")).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void anOverwriteThatDoesNotCompleteLeavesThePreviousData() throws IOException {
    write(OVERWRITE, records(OVERWRITE, 1, 3) + states(OVERWRITE) + complete(OVERWRITE));

    write(OVERWRITE, records(OVERWRITE, 7, 9)); // the input ends: no COMPLETE, records after the last state
    write(OVERWRITE, "");                       // a source that died before it said anything

    assertThat(readBack("overwrite")).containsExactly(1, 2, 3);
  }

  @Test
  void aRetriedOverwriteHoldsEachRecordOnce() throws IOException {
    // Attempt 1 is cut short after a confirmed state and two more records; attempt 2, of the same
    // generation, resumes from that state, as the platform does.
    write(OVERWRITE, records(OVERWRITE, 1, 2) + states(OVERWRITE) + records(OVERWRITE, 3, 4));
    write(OVERWRITE, records(OVERWRITE, 3, 6) + states(OVERWRITE) + complete(OVERWRITE));

    assertThat(readBack("overwrite")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  private void write(List<String> streams, String input) throws IOException {
    Path file = Files.writeString(dir.resolve("catalog.json"), catalog(streams));
    CliRun run = run(input, "write", "--config", config, "--catalog", file.toString());
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    run.lines().forEach(line -> assertThat(ProtocolSchema.problems(line)).as(line).isEmpty());
  }

  private List<Integer> readBack(String stream) throws IOException {
    Path file = Files.writeString(dir.resolve("catalog.json"), catalog(List.of(stream)));
    CliRun run = run("", "read-back", "--config", config, "--catalog", file.toString());
    return run.ofType(AirbyteMessage.Type.RECORD).stream().map(m -> m.record().data().tree().get("id").asInt()).toList();
  }

  /** One stream per sync mode, named after it, with the primary key id and generation 1. */
  private static String catalog(List<String> modes) {
    StringBuilder streams = new StringBuilder();
    for (String mode : modes) {
      streams.append(streams.isEmpty() ? "" : ",").append("""
          {"stream": {"name": "%s", "json_schema": {"type": "object"}, "supported_sync_modes": ["incremental"]},
           "sync_mode": "incremental", "destination_sync_mode": "%s", "primary_key": [["id"]],
           "generation_id": 1, "minimum_generation_id": 0, "sync_id": 1}""".formatted(mode, mode));
    }
    return "{\"streams\": [" + streams + "]}";
  }

  /** Records with ids from..to in each stream. */
  private static String records(List<String> streams, int from, int to) {
    StringBuilder lines = new StringBuilder();
    for (int id = from; id <= to; id++) {
      for (String stream : streams) {
        lines.append("{\"type\":\"RECORD\",\"record\":{\"stream\":\"").append(stream)
            .append("\",\"data\":{\"id\":").append(id).append("},\"emitted_at\":1}}\n");
      }
    }
    return lines.toString();
  }

  private static String states(List<String> streams) {
    StringBuilder lines = new StringBuilder();
    for (String stream : streams) {
      lines.append("{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"")
          .append(stream).append("\"},\"stream_state\":{\"at\":1}}}}\n");
    }
    return lines.toString();
  }

  private static String complete(List<String> streams) {
    StringBuilder lines = new StringBuilder();
    for (String stream : streams) {
      lines.append("{\"type\":\"TRACE\",\"trace\":{\"type\":\"STREAM_STATUS\",\"emitted_at\":1,\"stream_status\":")
          .append("{\"stream_descriptor\":{\"name\":\"").append(stream).append("\"},\"status\":\"COMPLETE\"}}}\n");
    }
    return lines.toString();
  }

  private static CliRun run(String stdin, String... args) {
    return CliRun.run(ConnectorCli.forDestination(new ${connectorClass}Destination())
        .errorClassifier(new ${connectorClass}ErrorClassifier()), stdin, args);
  }
}
