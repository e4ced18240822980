package io.jcdk.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.Files2;
import io.jcdk.testing.TestSource;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRunTest {

  @TempDir Path dir;

  private CliRun read(String config, String... streams) {
    String c = Files2.write(dir, "config.json", config);
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, streams));
    return CliRun.run(ConnectorCli.forSource(new TestSource()), "", "read", "--config", c, "--catalog", catalog);
  }

  private static List<String> withoutRecords(CliRun run) {
    return run.timeline().stream().filter(s -> !s.startsWith("RECORD")).toList();
  }

  @Test
  void checkpointsEveryNRecordsWithCountsThenAFinalStateAndComplete() {
    CliRun run = read("{\"count\":5,\"api_key\":\"k\",\"checkpoint_every\":2}", "users", "orders");
    assertThat(run.exitCode()).isZero();
    assertThat(run.timeline()).containsExactly(
        "STATUS users STARTED", "STATUS users RUNNING", "RECORD users", "RECORD users", "STATE users 2.0",
        "RECORD users", "RECORD users", "STATE users 2.0", "RECORD users", "STATE users 1.0", "STATUS users COMPLETE",
        "STATUS orders STARTED", "STATUS orders RUNNING", "RECORD orders", "RECORD orders", "STATE orders 2.0",
        "RECORD orders", "RECORD orders", "STATE orders 2.0", "RECORD orders", "STATE orders 1.0", "STATUS orders COMPLETE");
  }

  @Test
  void aStreamWithNoRowsStillGetsAFinalStateAndCompletes() {
    CliRun run = read("{\"count\":0,\"api_key\":\"k\"}", "users");
    assertThat(run.timeline()).containsExactly("STATUS users STARTED", "STATE users 0.0", "STATUS users COMPLETE");
  }

  @Test
  void aFailedStreamIsIncompleteGetsNoFurtherStateAndTheOthersStillRun() {
    CliRun run = read("{\"count\":5,\"api_key\":\"k\",\"checkpoint_every\":2,\"fail_at\":4,\"fail_stream\":\"users\"}",
        "users", "orders");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(withoutRecords(run)).containsExactly(
        "STATUS users STARTED", "STATUS users RUNNING", "STATE users 2.0", "STATUS users INCOMPLETE",
        "STATUS orders STARTED", "STATUS orders RUNNING", "STATE orders 2.0", "STATE orders 2.0", "STATE orders 1.0",
        "STATUS orders COMPLETE", "TRACE ERROR transient_error");
    // Three users records were emitted, the third after the last users state: it will be read again.
    assertThat(Collections.frequency(run.timeline(), "RECORD users")).isEqualTo(3);
  }

  @Test
  void aStateWithoutNamespaceResumesTheStreamOfThatName() {
    String c = Files2.write(dir, "config.json", "{\"count\":5,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", """
        {"streams":[{"stream":{"name":"users","namespace":"public","json_schema":{},"supported_sync_modes":
          ["incremental"]},"sync_mode":"incremental","destination_sync_mode":"append"}]}""");
    // The shape of Airbyte's connector acceptance tests: no namespace in the descriptor.
    String state = Files2.write(dir, "state.json", """
        [{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"id":3}}}]""");
    CliRun run = CliRun.run(ConnectorCli.forSource(new TestSource()), "", "read", "--config", c, "--catalog", catalog,
        "--state", state);
    assertThat(run.exitCode()).isZero();
    assertThat(run.ofType(AirbyteMessage.Type.RECORD)).extracting(m -> m.record().data().tree().get("id").asInt())
        .containsExactly(4, 5);
  }

  @Test
  void globalReadsCountAllStreamsAndFailAllStreamsTogether() {
    CliRun ok = read("{\"count\":3,\"api_key\":\"k\",\"global\":true,\"checkpoint_every\":4}", "users", "orders");
    assertThat(withoutRecords(ok)).containsExactly(
        "STATUS users STARTED", "STATUS orders STARTED", "STATUS users RUNNING", "STATUS orders RUNNING",
        "GLOBAL 4.0", "GLOBAL 2.0", "STATUS users COMPLETE", "STATUS orders COMPLETE");

    CliRun failed = read("{\"count\":3,\"api_key\":\"k\",\"global\":true,\"checkpoint_every\":2,\"fail_at\":2,"
        + "\"fail_stream\":\"orders\"}", "users", "orders");
    assertThat(withoutRecords(failed)).containsExactly(
        "STATUS users STARTED", "STATUS orders STARTED", "STATUS users RUNNING", "STATUS orders RUNNING",
        "GLOBAL 2.0", "STATUS users INCOMPLETE", "STATUS orders INCOMPLETE", "TRACE ERROR transient_error");
  }
}
