package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.Files2;
import io.jcdk.testing.ProtocolSchema;
import io.jcdk.testing.TestDestination;
import io.jcdk.testing.TestSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line the kit emits, in every kind of run, is valid against the official protocol schema. */
class ProtocolConformanceTest {

  @TempDir Path dir;

  @Test
  void everyMessageEmittedBySourcesAndDestinationsMatchesTheOfficialSchema() {
    String good = Files2.write(dir, "good.json", "{\"count\":3,\"api_key\":\"k\",\"checkpoint_every\":2}");
    String global = Files2.write(dir, "global.json", "{\"count\":3,\"api_key\":\"k\",\"global\":true,\"checkpoint_every\":2}");
    String failing = Files2.write(dir, "failing.json", "{\"count\":3,\"api_key\":\"k\",\"fail_at\":2}");
    String rejected = Files2.write(dir, "rejected.json", "{\"count\":3,\"api_key\":\"wrong\"}");
    String invalid = Files2.write(dir, "invalid.json", "{\"count\":-1}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users", "orders"));
    ConnectorCli source = ConnectorCli.forSource(new TestSource());

    List<CliRun> runs = new ArrayList<>();
    runs.add(CliRun.run(source, "", "spec"));
    runs.add(CliRun.run(source, "", "check", "--config", good));
    runs.add(CliRun.run(source, "", "check", "--config", rejected));
    runs.add(CliRun.run(source, "", "check", "--config", invalid));
    runs.add(CliRun.run(source, "", "discover", "--config", good));
    runs.add(CliRun.run(source, "", "discover", "--config", dir.resolve("missing.json").toString()));
    CliRun read = CliRun.run(source, "", "read", "--config", good, "--catalog", catalog);
    runs.add(read);
    runs.add(CliRun.run(source, "", "read", "--config", global, "--catalog", catalog));
    runs.add(CliRun.run(source, "", "read", "--config", failing, "--catalog", catalog));

    ConnectorCli destination = ConnectorCli.forDestination(new TestDestination());
    String destConfig = Files2.write(dir, "dest.json", "{\"password\":\"p\"}");
    String failingDest = Files2.write(dir, "dest-failing.json", "{\"password\":\"p\",\"fail_at_commit\":2}");
    runs.add(CliRun.run(destination, "", "spec"));
    runs.add(CliRun.run(destination, "", "check", "--config", destConfig));
    runs.add(CliRun.run(destination, read.stdout(), "write", "--config", destConfig, "--catalog", catalog));
    runs.add(CliRun.run(destination, read.stdout(), "write", "--config", failingDest, "--catalog", catalog));

    Set<AirbyteMessage.Type> seen = EnumSet.noneOf(AirbyteMessage.Type.class);
    int lines = 0;
    for (CliRun run : runs) {
      for (String line : run.lines()) {
        assertThat(ProtocolSchema.problems(line)).as(line).isEmpty();
        lines++;
      }
      run.messages().forEach(m -> seen.add(m.type()));
    }
    assertThat(lines).isGreaterThan(40);
    assertThat(seen).contains(AirbyteMessage.Type.RECORD, AirbyteMessage.Type.STATE, AirbyteMessage.Type.SPEC,
        AirbyteMessage.Type.CONNECTION_STATUS, AirbyteMessage.Type.CATALOG, AirbyteMessage.Type.TRACE);
  }

  @Test
  void theSchemaRejectsWhatItShould() {
    assertThat(ProtocolSchema.problems("{\"type\":\"STATE\",\"state\":{\"type\":\"SIDEWAYS\"}}")).isNotEmpty();
    assertThat(ProtocolSchema.problems("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{}}}")).isNotEmpty();
    assertThat(ProtocolSchema.problems("{\"type\":\"BANANA\"}")).isNotEmpty();
  }

  @Test
  void logMessagesConform() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (MessageWriter w = new MessageWriter(out)) {
      w.write(AirbyteMessage.of(AirbyteLogMessage.of(AirbyteLogMessage.Level.INFO, "hello")));
      w.write(AirbyteMessage.of(AirbyteControlMessage.ofConfig(Json.parse("{\"token\":\"t\"}"))));
      w.write(AirbyteMessage.of(AirbyteTraceMessage.ofEstimate(AirbyteTraceMessage.Estimate.ofStream(StreamDescriptor.of("s"), 10L, 100L))));
      w.write(AirbyteMessage.of(AirbyteTraceMessage.ofAnalytics("event", "1")));
    }
    for (String line : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      assertThat(ProtocolSchema.problems(line)).as(line).isEmpty();
    }
  }
}
