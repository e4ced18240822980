package io.jcdk.destination.kvdb;

import static io.jcdk.destination.kvdb.Lines.catalog;
import static io.jcdk.destination.kvdb.Lines.record;
import static io.jcdk.destination.kvdb.Lines.state;
import static io.jcdk.destination.kvdb.Lines.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import io.jcdk.testing.ProtocolSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, as users and the platform run it: stdout carries only what each command promises. */
class JarCommandsIT {

  private static final Path JAR = Path.of("target/destination-kvdb.jar");

  @TempDir Path dir;

  @Test
  void writesTenMegabyteRecordsWithin256MegabytesOfHeapAndDumpsThem() throws Exception {
    Path config = Files.writeString(dir.resolve("config.json"),
        "{\"store\":{\"path\":" + Json.write(dir.resolve("store").toString()) + "}}");
    Path catalog = Files.writeString(dir.resolve("catalog.json"),
        catalog(stream(null, "files", "append_dedup", "id"), stream(null, "log", "append")));
    int records = 40;
    String blob = "0123456789abcdé\n".repeat(10 * 1024 * 1024 / 17);

    Result write = run(List.of("write", "--config", config.toString(), "--catalog", catalog.toString()), in -> {
      for (int i = 0; i < records; i++) {
        ObjectNode data = Json.object().put("id", i % 10).put("i", i).put("blob", blob);
        in.write(record(null, i % 2 == 0 ? "files" : "log", data));
        in.write('\n');
        if (i % 10 == 9) {
          in.write(state(null, "log", "{\"i\":" + i + "}"));
          in.write('\n');
        }
      }
    });

    assertThat(write.exitCode()).as(write.stderr()).isZero();
    assertThat(write.lines()).hasSize(4).allSatisfy(line -> assertThat(ProtocolSchema.problems(line)).isEmpty());
    Result stats = run(List.of("stats", "--config", config.toString()), in -> { });
    assertThat(stats.lines()).containsExactly(
        "{\"stream\":\"files\",\"layout\":\"keyed\",\"generation\":1,\"entries\":5}",
        "{\"stream\":\"log\",\"layout\":\"append\",\"generation\":1,\"entries\":20}");
    Result dump = run(List.of("dump", "--config", config.toString(), "--stream", "log"), in -> { });
    assertThat(dump.lines()).hasSize(20);
    JsonNode last = Json.parse(dump.lines().get(19));
    assertThat(last.get("key").asLong()).isEqualTo(19);
    assertThat(last.get("value").get("i").asInt()).isEqualTo(39);
    assertThat(last.get("value").get("blob").asText()).isEqualTo(blob);
  }

  @Test
  void versionAndHelpGoToStderrNamingTheConnectorAndItsVersion() throws Exception {
    Result version = run(List.of("--version"), in -> { });
    Result help = run(List.of("write", "--help"), in -> { });

    assertThat(version.exitCode()).isZero();
    assertThat(version.lines()).isEmpty();
    assertThat(version.stderr()).startsWith("destination-kvdb " + System.getProperty("jcdk.image.version"));
    assertThat(help.exitCode()).isZero();
    assertThat(help.lines()).isEmpty();
    assertThat(help.stderr()).contains("Usage: destination-kvdb write [-h] --catalog=<catalog> --config=<config>");
  }

  @Test
  void specAndCheckPrintOnlyProtocolMessages() throws Exception {
    Path config = Files.writeString(dir.resolve("config.json"),
        "{\"store\":{\"path\":" + Json.write(dir.resolve("store").toString()) + "}}");

    Result spec = run(List.of("spec"), in -> { });
    Result check = run(List.of("check", "--config", config.toString()), in -> { });

    assertThat(spec.exitCode()).isZero();
    assertThat(check.exitCode()).isZero();
    assertThat(spec.lines()).anySatisfy(line -> assertThat(line).startsWith("{\"type\":\"SPEC\""));
    assertThat(check.lines()).contains("{\"type\":\"CONNECTION_STATUS\",\"connectionStatus\":{\"status\":\"SUCCEEDED\"}}");
    assertThat(spec.lines()).allSatisfy(line -> assertThat(ProtocolSchema.problems(line)).isEmpty());
    assertThat(check.lines()).allSatisfy(line -> assertThat(ProtocolSchema.problems(line)).isEmpty());
  }

  private interface Input {
    void writeTo(BufferedWriter in) throws IOException;
  }

  private record Result(int exitCode, List<String> lines, String stderr) {}

  private Result run(List<String> args, Input input) throws Exception {
    assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run mvn package (failsafe runs after it)");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", JAR.toString()));
    command.addAll(args);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
      input.writeTo(in);
    }
    int code = process.waitFor();
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(stdout)) {
      if (!line.contains("\"type\":\"LOG\"")) {
        lines.add(line);
      }
    }
    return new Result(code, lines, Files.readString(stderr));
  }
}
