package io.jcdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The commands the demo runs, each printed before it runs as a user would type it in the current
 * directory: the source's {@code check} and {@code ./jcdk sync}. They run with this JVM's
 * {@code java} first on the PATH, so {@code java -jar} means the Java the demo runs on.
 */
final class DemoRun {

  private final Path home;
  private final Path dir;
  private final PrintWriter out;
  private final Path cwd = Path.of("").toAbsolutePath();
  private final Map<String, String> environment;

  DemoRun(Path home, Path dir, PrintWriter out) {
    this.home = home;
    this.dir = dir;
    this.out = out;
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    this.environment = Map.of("PATH", javaBin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""),
        "JAVA_HOME", System.getProperty("java.home"));
  }

  Path dir() {
    return dir;
  }

  List<String> source() {
    return List.of("java", "-jar", shown(jar("source-postgres")));
  }

  List<String> destination() {
    return List.of("java", "-jar", shown(jar("destination-kvdb")));
  }

  /** Runs the source's {@code check}; prints its verdict, and on failure its message. */
  boolean check(Path sourceConfig) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(source());
    argv.addAll(List.of("check", "--config", shown(sourceConfig)));
    out.println();
    out.println("$ " + quoted(argv));
    out.flush();
    List<JsonNode> status = new ArrayList<>();
    int exit = Subprocess.run(argv, null, environment, line -> {
      if (line.contains("\"CONNECTION_STATUS\"")) {
        try {
          status.add(Json.mapper().readTree(line).path("connectionStatus"));
        } catch (IOException e) {
          throw new UncheckedIOException("check printed a CONNECTION_STATUS that is not JSON: " + line, e);
        }
      }
    });
    if (exit != 0 || status.isEmpty()) {
      out.println("  check failed (exit " + exit + "); its messages are above");
      return false;
    }
    JsonNode s = status.get(0);
    out.println("  " + s.path("status").asText() + (s.has("message") ? ": " + s.path("message").asText() : ""));
    return "SUCCEEDED".equals(s.path("status").asText());
  }

  List<String> syncCommand(Path sourceConfig, Path destinationConfig) {
    Path launcher = home.resolve("jcdk");
    return List.of(home.equals(cwd) ? "./jcdk" : shown(launcher), "sync",
        "--source", String.join(" ", source()), "--source-config", shown(sourceConfig),
        "--destination", String.join(" ", destination()), "--destination-config", shown(destinationConfig),
        "--work-dir", shown(dir.resolve("sync")));
  }

  /** Runs {@code ./jcdk sync}: its report is indented here, its progress goes to stderr. */
  void sync(List<String> command) throws IOException, InterruptedException {
    out.println("$ " + quoted(command));
    out.flush();
    List<String> argv = new ArrayList<>(command);
    argv.set(0, home.resolve("jcdk").toString());
    int exit = Subprocess.run(argv, null, environment, line -> {
      out.println("  " + line);
      out.flush();
    });
    if (exit != 0) {
      throw new IOException("./jcdk sync failed with exit " + exit + "; its messages are above");
    }
  }

  private Path jar(String module) {
    Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl " + module + " -am package -DskipTests");
    }
    return jar;
  }

  /** A path as short as it can be shown: relative to the current directory when inside it. */
  private String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }

  /** Words joined as a shell reads them back: quoted where they hold spaces or quotes. */
  static String quoted(List<String> words) {
    return words.stream().map(w -> w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "\"" + w.replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(" "));
  }
}
