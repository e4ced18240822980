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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * A record larger than the heap can hold ends in a TRACE error that names the line, the record's
   * size and a heap that holds it; with that heap the same input is written.
   */
  @Test
  void aRecordTooLargeForTheHeapEndsInATraceThatNamesAHeapThatHoldsIt() throws Exception {
    Path config = Files.writeString(dir.resolve("config.json"),
        "{\"store\":{\"path\":" + Json.write(dir.resolve("store").toString()) + "}}");
    Path catalog = Files.writeString(dir.resolve("catalog.json"), catalog(stream(null, "files", "append")));
    List<String> write = List.of("write", "--config", config.toString(), "--catalog", catalog.toString());
    String head = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"files\",\"emitted_at\":1,\"data\":{\"id\":1,\"blob\":\"";
    long lineBytes = head.length() + (200L << 20) + "\"}}}".length();
    Input bigRecord = in -> {
      in.write(state(null, "files", "{\"i\":0}") + "\n");
      in.write(head);
      char[] megabyte = "x".repeat(1 << 20).toCharArray();
      for (int i = 0; i < 200; i++) {
        in.write(megabyte);
      }
      in.write("\"}}}\n");
      in.write(state(null, "files", "{\"i\":1}") + "\n");
    };

    Result small = run("-Xmx256m", write, bigRecord);

    assertThat(small.exitCode()).isEqualTo(1);
    assertThat(small.stderr()).doesNotContain("OutOfMemoryError").doesNotContain("Exception in thread");
    assertThat(small.lines()).hasSize(2).allSatisfy(line -> assertThat(ProtocolSchema.problems(line)).isEmpty());
    JsonNode error = Json.parse(small.lines().get(1)).path("trace").path("error");
    assertThat(error.path("failure_type").asText()).isEqualTo("system_error");
    String message = error.path("message").asText();
    assertThat(message).startsWith(String.format("Line 2 holds a message of 200 MB (%,d bytes)", lineBytes));
    Matcher heap = Pattern.compile("-Xmx(\\d+m)").matcher(message);
    assertThat(heap.find()).as(message).isTrue();
    System.out.println(message);

    Result enough = run("-Xmx" + heap.group(1), write, bigRecord);

    assertThat(enough.exitCode()).as(enough.stderr()).isZero();
    assertThat(enough.lines()).hasSize(2).last().asString().contains("\"i\":1");
  }

  /** append_dedup takes a record's key without building the record as a tree. */
  @Test
  void appendDedupKeysATwentyMegabyteRecordWithin128MegabytesOfHeap() throws Exception {
    Path config = Files.writeString(dir.resolve("config.json"),
        "{\"store\":{\"path\":" + Json.write(dir.resolve("store").toString()) + "}}");
    Path catalog = Files.writeString(dir.resolve("catalog.json"), catalog(stream(null, "files", "append_dedup", "id")));
    String blob = "0123456789abcdé\n".repeat(20 * 1024 * 1024 / 17);

    Result write = run("-Xmx128m", List.of("write", "--config", config.toString(), "--catalog", catalog.toString()), in -> {
      in.write(record(null, "files", Json.object().put("blob", blob).put("id", 7)));
      in.write('\n');
      in.write(state(null, "files", "{\"i\":1}"));
      in.write('\n');
    });

    assertThat(write.exitCode()).as(write.stderr()).isZero();
    Result stats = run(List.of("stats", "--config", config.toString()), in -> { });
    assertThat(stats.lines()).containsExactly("{\"stream\":\"files\",\"layout\":\"keyed\",\"generation\":1,\"entries\":1}");
  }

  private interface Input {
    void writeTo(BufferedWriter in) throws IOException;
  }

  private record Result(int exitCode, List<String> lines, String stderr) {}

  private Result run(List<String> args, Input input) throws Exception {
    return run("-Xmx256m", args, input);
  }

  private Result run(String heap, List<String> args, Input input) throws Exception {
    assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run mvn package (failsafe runs after it)");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        heap, "-Djava.io.tmpdir=" + dir, "-jar", JAR.toString()));
    command.addAll(args);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
      input.writeTo(in);
    } catch (IOException e) {
      // The process stopped reading (it failed): its output says why.
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
