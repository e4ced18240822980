package io.jcdk.acceptance.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds images of the fixture connectors on the local base image {@code jcdk/jre:17}, from this
 * test's own classpath (its class directories as jars: a class-data archive takes classes from jars
 * only): the docker runner is then tested on connectors whose behavior we control.
 * Their tag is this run's own (the engine may be shared with other builds); {@link #remove} deletes them.
 */
final class FixtureImages {

  static final String BASE = "jcdk/jre:17";
  private static final String TAG = "it-" + UUID.randomUUID().toString().substring(0, 8);
  static final String SOURCE = "jcdk/acceptance-fixture-source:" + TAG;
  static final String DESTINATION = "jcdk/acceptance-fixture-destination:" + TAG;
  static final String SOURCE_WITHOUT_ENTRYPOINT_VARIABLE = "jcdk/acceptance-fixture-unlabeled:" + TAG;
  static final String SOURCE_WITHOUT_SHELL = "jcdk/acceptance-fixture-shell-less:" + TAG;
  static final String SOURCE_WITHOUT_CLASS_DATA = "jcdk/acceptance-fixture-no-class-data:" + TAG;
  static final String SOURCE_WARNING_ON_STDOUT = "jcdk/acceptance-fixture-jvm-stdout:" + TAG;
  private static final String ARCHIVE = "/app/connector.jsa";

  /** What a fixture image gets wrong on purpose. */
  private enum Defect {
    NONE, NO_AIRBYTE_METADATA, NO_SHELL_AND_DEV_VERSION,
    /** The entrypoint names a class-data archive the image does not have. */
    NO_CLASS_DATA,
    /** The JVM's warnings are left on stdout, where the protocol stream is. */
    JVM_WARNINGS_ON_STDOUT
  }

  private FixtureImages() {}

  static void build() throws IOException, InterruptedException {
    Path context = Path.of("target", "fixture-images");
    deleteRecursively(context);
    Files.createDirectories(context.resolve("libs"));
    int dirs = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        jar(p, context.resolve("libs").resolve("fixture-classes-" + dirs++ + ".jar"));
      } else if (entry.endsWith(".jar") && Files.exists(p) && !p.getFileName().toString().startsWith("surefire")) {
        Files.copy(p, context.resolve("libs").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.writeString(context.resolve("classpath"), "/app/libs/*");
    String source = "io.jcdk.acceptance.fixtures.FixtureSource";
    image(context, SOURCE, source, Defect.NONE);
    image(context, DESTINATION, "io.jcdk.acceptance.fixtures.FixtureDestination", Defect.NONE);
    image(context, SOURCE_WITHOUT_ENTRYPOINT_VARIABLE, source, Defect.NO_AIRBYTE_METADATA);
    image(context, SOURCE_WITHOUT_SHELL, source, Defect.NO_SHELL_AND_DEV_VERSION);
    image(context, SOURCE_WITHOUT_CLASS_DATA, source, Defect.NO_CLASS_DATA);
    image(context, SOURCE_WARNING_ON_STDOUT, source, Defect.JVM_WARNINGS_ON_STDOUT);
  }

  /** Like a jcdk connector image (Jib): labels, AIRBYTE_ENTRYPOINT, run as uid 1000; but for {@code defect}. */
  private static void image(Path context, String tag, String main, Defect defect)
      throws IOException, InterruptedException {
    String java = "java -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=" + ARCHIVE
        + (defect == Defect.JVM_WARNINGS_ON_STDOUT ? "" : " -Xlog:disable -Xlog:all=warning:stderr");
    // The classpath in a file, as Jib does: a shell evaluating AIRBYTE_ENTRYPOINT would expand /app/libs/*.
    String entrypoint = java + " -cp @/app/classpath " + main;
    StringBuilder dockerfile = new StringBuilder("FROM " + BASE + "\nCOPY libs /app/libs\nCOPY classpath /app/classpath\n");
    if (defect != Defect.NO_CLASS_DATA) {
      dockerfile.append("RUN java -XX:ArchiveClassesAtExit=").append(ARCHIVE)
          .append(" -XX:TieredStopAtLevel=1 -cp @/app/classpath ").append(main).append(" spec > /dev/null\n");
    }
    if (defect != Defect.NO_AIRBYTE_METADATA) {
      dockerfile.append("LABEL io.airbyte.name=\"").append(tag, 0, tag.lastIndexOf(':'))
          .append("\" io.airbyte.version=\"").append(defect == Defect.NO_SHELL_AND_DEV_VERSION ? "dev" : "1.0.0")
          .append("\"\nENV AIRBYTE_ENTRYPOINT=\"").append(entrypoint).append("\"\n");
    }
    if (defect == Defect.NO_SHELL_AND_DEV_VERSION) {
      // The JRE's directory only: java is found, sh is not, as in an image without a shell.
      dockerfile.append("ENV PATH=/opt/java/jre/bin\n");
    }
    dockerfile.append("USER 1000:1000\n");
    dockerfile.append("ENTRYPOINT [\"").append(String.join("\", \"", entrypoint.split(" "))).append("\"]\n");
    Path file = context.resolve("Dockerfile." + tag.substring(tag.indexOf('/') + 1, tag.lastIndexOf(':')));
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

  /** Deletes the images {@link #build} made. */
  static void remove() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("docker", "rmi", "-f", SOURCE, DESTINATION, SOURCE_WITHOUT_ENTRYPOINT_VARIABLE,
        SOURCE_WITHOUT_SHELL, SOURCE_WITHOUT_CLASS_DATA, SOURCE_WARNING_ON_STDOUT).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(2, TimeUnit.MINUTES);
  }

  static boolean imageExists(String image) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  /** A jar of a class directory's files. */
  static void jar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> paths = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
        Files.copy(p, out);
        out.closeEntry();
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
