package io.jcdk.acceptance.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a connector: as a local process ({@link ProcessRunner}) or a Docker image ({@link
 * DockerRunner}). Both write the invocation's JSON files to a fresh directory and hand the connector
 * their paths; they differ only in how the command line is built.
 */
public interface ConnectorRunner {

  /** "process" or "docker": names the runner in test names and reports. */
  String kind();

  /** What runs, for reports: the command line or the image. */
  String description();

  /** The command line to start, given the directory holding the invocation's files. */
  Launch prepare(Invocation invocation, Path fileDir);

  /**
   * A command line to start, the environment to add, how to kill it (a container is killed through
   * the engine: killing the CLI client alone would leave it running), and what to do once it ended.
   */
  record Launch(List<String> argv, Map<String, String> environment, Path workingDirectory, Runnable kill,
      Runnable ended) {
    public Launch {
      argv = List.copyOf(argv);
      environment = Map.copyOf(environment);
      Objects.requireNonNull(kill, "kill");
      Objects.requireNonNull(ended, "ended");
    }
  }

  /** Starts the connector; {@code secrets} (field name to value) must never appear on its stdout. */
  default RunningConnector start(Invocation invocation, Map<String, String> secrets) {
    try {
      Path dir = Files.createTempDirectory("jcdk-acceptance-");
      // Readable by any user: an image may run its connector as a non-root user.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (Map.Entry<String, JsonNode> file : invocation.files().entrySet()) {
        Path path = dir.resolve(file.getKey() + ".json");
        Files.write(path, Json.mapper().writeValueAsBytes(file.getValue()));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
      }
      return new RunningConnector(kind(), invocation, prepare(invocation, dir), dir, secrets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + description() + " for '" + invocation.describe() + "'", e);
    }
  }

  /** Runs to the end with {@code stdin} written to the connector (nothing for null) and returns the result. */
  default Transcript run(Invocation invocation, Map<String, String> secrets, StdinFeed stdin) {
    try (RunningConnector running = start(invocation, secrets)) {
      if (stdin != null) {
        try (OutputStream in = running.stdin()) {
          stdin.writeTo(in);
        } catch (IOException e) {
          // The connector stopped reading (it exited or crashed): its transcript says why.
        }
      }
      return running.finish();
    }
  }

  default Transcript run(Invocation invocation, Map<String, String> secrets) {
    return run(invocation, secrets, null);
  }

  /** Paths of the invocation's files as the connector sees them, given where they are mounted. */
  static Map<String, String> filePaths(Invocation invocation, String directory) {
    Map<String, String> paths = new LinkedHashMap<>();
    for (String option : invocation.files().keySet()) {
      paths.put(option, directory + "/" + option + ".json");
    }
    return paths;
  }

  /** Writes a connector's stdin: messages for {@code write}. */
  @FunctionalInterface
  interface StdinFeed {
    void writeTo(OutputStream stdin) throws IOException;
  }
}
