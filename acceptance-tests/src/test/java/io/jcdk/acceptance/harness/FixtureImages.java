package io.jcdk.acceptance.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds images of the fixture connectors on the local base image {@code jcdk/jre:17}, from this
 * test's own classpath: the docker runner is then tested on connectors whose behavior we control.
 */
final class FixtureImages {

  static final String BASE = "jcdk/jre:17";
  static final String SOURCE = "jcdk/acceptance-fixture-source:dev";
  static final String DESTINATION = "jcdk/acceptance-fixture-destination:dev";
  static final String SOURCE_WITHOUT_ENTRYPOINT_VARIABLE = "jcdk/acceptance-fixture-unlabeled:dev";

  private FixtureImages() {}

  static void build() throws IOException, InterruptedException {
    Path context = Path.of("target", "fixture-images");
    deleteRecursively(context);
    Files.createDirectories(context.resolve("libs"));
    List<String> classpath = new ArrayList<>();
    int dirs = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path target = context.resolve("classes").resolve(String.valueOf(dirs));
        copyTree(p, target);
        classpath.add("/app/classes/" + dirs++);
      } else if (entry.endsWith(".jar") && Files.exists(p) && !p.getFileName().toString().startsWith("surefire")) {
        Files.copy(p, context.resolve("libs").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    classpath.add("/app/libs/*");
    String cp = String.join(":", classpath);
    image(context, SOURCE, "io.jcdk.acceptance.fixtures.FixtureSource", cp, true);
    image(context, DESTINATION, "io.jcdk.acceptance.fixtures.FixtureDestination", cp, true);
    image(context, SOURCE_WITHOUT_ENTRYPOINT_VARIABLE, "io.jcdk.acceptance.fixtures.FixtureSource", cp, false);
  }

  private static void image(Path context, String tag, String main, String classpath, boolean airbyteMetadata)
      throws IOException, InterruptedException {
    String entrypoint = "java -XX:TieredStopAtLevel=1 -cp " + classpath + " " + main;
    StringBuilder dockerfile = new StringBuilder("FROM " + BASE + "\nCOPY libs /app/libs\n");
    if (Files.isDirectory(context.resolve("classes"))) {
      dockerfile.append("COPY classes /app/classes\n");
    }
    if (airbyteMetadata) {
      dockerfile.append("LABEL io.airbyte.name=\"").append(tag, 0, tag.lastIndexOf(':'))
          .append("\" io.airbyte.version=\"test\"\n")
          .append("ENV AIRBYTE_ENTRYPOINT=\"").append(entrypoint).append("\"\n");
    }
    dockerfile.append("ENTRYPOINT [\"").append(String.join("\", \"", entrypoint.split(" "))).append("\"]\n");
    Path file = context.resolve("Dockerfile." + main.substring(main.lastIndexOf('.') + 1) + airbyteMetadata);
    Files.writeString(file, dockerfile, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder("docker", "build", "-q", "-f", file.toString(), "-t", tag, context.toString())
        .redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("docker build of " + tag + " failed:\n" + out);
    }
  }

  static boolean imageExists(String image) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
