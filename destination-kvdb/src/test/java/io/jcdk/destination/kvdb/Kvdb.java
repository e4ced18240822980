package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.Json;
import io.jcdk.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the connector's commands in-process against one config, the way a user would from the shell. */
final class Kvdb {

  private final Path dir;
  private final Path config;
  private int catalogs;

  private Kvdb(Path dir, Path config) {
    this.dir = dir;
    this.config = config;
  }

  /** An embedded store in {@code dir}/store. */
  static Kvdb embedded(Path dir) {
    return withConfig(dir, "{\"store\":{\"type\":\"embedded\",\"path\":" + Json.write(dir.resolve("store").toString()) + "}}");
  }

  static Kvdb withConfig(Path dir, String configJson) {
    Path config = dir.resolve("config.json");
    write(config, configJson);
    return new Kvdb(dir, config);
  }

  Path config() {
    return config;
  }

  Path storePath() {
    return dir.resolve("store");
  }

  CliRun check() {
    return CliRun.run(Main.cli(), "", "check", "--config", config.toString());
  }

  CliRun write(String catalogJson, String input) {
    return write(catalogJson, input.getBytes(StandardCharsets.UTF_8));
  }

  /** Input as bytes, for input that is not valid UTF-8. */
  CliRun write(String catalogJson, byte[] input) {
    Path catalog = dir.resolve("catalog-" + (++catalogs) + ".json");
    write(catalog, catalogJson);
    return CliRun.run(Main.cli(), new ByteArrayInputStream(input), "write", "--config", config.toString(), "--catalog",
        catalog.toString());
  }

  /** Output lines of {@code dump}; fails the test if it exited non-zero. */
  List<JsonNode> dump(String namespace, String stream, String... extra) {
    List<String> args = new ArrayList<>(List.of("dump", "--config", config.toString(), "--stream", stream));
    if (namespace != null) {
      args.add("--namespace");
      args.add(namespace);
    }
    args.addAll(List.of(extra));
    return jsonLines(run(args.toArray(String[]::new)));
  }

  List<JsonNode> stats() {
    return jsonLines(run("stats", "--config", config.toString()));
  }

  /** Runs a command; returns (exit code, stdout text). */
  Output run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.cli().run(args, new ByteArrayInputStream(new byte[0]), out);
    return new Output(code, out.toString(StandardCharsets.UTF_8));
  }

  record Output(int exitCode, String stdout) {
    List<String> lines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
    }

    /** The TRACE error's message, or null. */
    String errorMessage() {
      for (String line : lines()) {
        JsonNode node = Json.parse(line);
        if ("TRACE".equals(node.path("type").asText())) {
          return node.path("trace").path("error").path("message").asText();
        }
      }
      return null;
    }
  }

  private static List<JsonNode> jsonLines(Output output) {
    if (output.exitCode() != 0) {
      throw new AssertionError("exit " + output.exitCode() + ": " + output.stdout());
    }
    List<JsonNode> out = new ArrayList<>();
    for (String line : output.lines()) {
      JsonNode node = Json.parse(line);
      if (!node.has("type")) { // LOG messages of the runtime share stdout with the dump
        out.add(node);
      }
    }
    return out;
  }

  static List<AirbyteMessage> states(CliRun run) {
    return run.ofType(AirbyteMessage.Type.STATE);
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
