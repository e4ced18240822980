package io.jcdk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jcdk generate <kind> --name <name>}: a new connector project from the kit's Maven archetype,
 * exactly what {@code mvn archetype:generate} makes (this command validates the names first, never
 * overwrites a directory unless told to, and says what to run next). Exit 0 when created, 2 for bad
 * input, 1 when Maven failed.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = KitVersion.class,
    description = "Create a new connector project: a source, a destination or an HTTP API source.")
final class GenerateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<kind>", description = "source, destination or http-source")
  String kind;

  @Option(names = "--name", required = true, description = "the connector's name, e.g. my-api (makes source-my-api)")
  String name;

  @Option(names = "--dir", description = "the project's directory (default: ./<source|destination>-<name>)")
  Path dir;

  @Option(names = "--group-id", description = "the project's Maven groupId (default: " + NewConnector.DEFAULT_GROUP_ID + ")")
  String groupId;

  @Option(names = "--package", description = "the Java package (default: <group-id>.<name without hyphens>)")
  String javaPackage;

  @Option(names = "--force", description = "write into an existing directory, replacing the template's files there")
  boolean force;

  @Option(names = "--home", defaultValue = "${sys:jcdk.home:-.}", description = "the jcdk checkout (its mvnw runs the archetype)")
  Path home;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    NewConnector connector;
    try {
      connector = NewConnector.of(kind, name, groupId, javaPackage);
    } catch (IllegalArgumentException e) {
      return usageError(e.getMessage());
    }
    Path project = (dir != null ? dir : Path.of(connector.artifactId())).toAbsolutePath().normalize();
    if (!force && Files.exists(project) && !isEmptyDirectory(project)) {
      return usageError(project + " already exists; choose another --dir, or add --force to write the template's"
          + " files into it (files the template does not have are kept)");
    }
    if (Files.exists(project) && !Files.isDirectory(project)) {
      return usageError(project + " is a file, not a directory; choose another --dir");
    }
    Path parent = Files.createDirectories(project.getParent());
    Path scratch = Files.createTempDirectory(parent, ".jcdk-generate-");
    try {
      List<String> maven = mavenCommand(connector, scratch);
      Process p = new ProcessBuilder(maven).directory(scratch.toFile()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("jcdk generate: Maven could not generate the project:\n" + withoutMavenBoilerplate(log));
        if (log.contains("does not exist") || log.contains("Could not find artifact io.jcdk")) {
          err.println("jcdk generate: the kit is not installed in the local Maven repository; run"
              + " ./mvnw install -DskipTests in " + home.toAbsolutePath().normalize() + " first");
        }
        return 1;
      }
      moveInto(scratch.resolve(connector.artifactId()), project);
    } finally {
      deleteRecursively(scratch);
    }
    String relative = Path.of("").toAbsolutePath().relativize(project).toString();
    out.printf("jcdk: created %s (%s, package %s) in %s%n", connector.artifactId(), connector.kind().word(),
        connector.javaPackage(), project);
    out.println("next:");
    out.println("  cd " + (relative.length() < project.toString().length() ? relative : project));
    out.println("  ./mvnw verify                      # unit tests and every acceptance suite, on the packaged jar");
    out.println("  grep -rn \"TODO(connector)\" src     # where your code goes");
    return 0;
  }

  private List<String> mavenCommand(NewConnector connector, Path outputDirectory) {
    Properties kit = KitVersion.properties();
    Path mvnw = home.resolve("mvnw").toAbsolutePath().normalize();
    if (!Files.isExecutable(mvnw)) {
      throw new IllegalStateException(mvnw + " is missing: --home must be the jcdk checkout");
    }
    return List.of(mvnw.toString(), "-B", "-q",
        "org.apache.maven.plugins:maven-archetype-plugin:" + kit.getProperty("archetype.version") + ":generate",
        "-DinteractiveMode=false",
        "-DarchetypeGroupId=io.jcdk",
        "-DarchetypeArtifactId=" + connector.kind().archetypeArtifactId(),
        "-DarchetypeVersion=" + kit.getProperty("version"),
        "-DconnectorName=" + connector.name(),
        "-DgroupId=" + connector.groupId(),
        "-DartifactId=" + connector.artifactId(),
        "-Dpackage=" + connector.javaPackage(),
        "-DoutputDirectory=" + outputDirectory);
  }

  /** Maven's errors without its advice on -e, -X and its wiki, which is about Maven, not this command. */
  private static String withoutMavenBoilerplate(String log) {
    return log.lines()
        .filter(line -> !line.matches("\\[ERROR\\]\\s*") && !line.contains("re-run Maven") && !line.contains("Re-run Maven")
            && !line.startsWith("[ERROR] [Help 1]") && !line.contains("For more information about the errors"))
        .map(line -> line.replace(" -> [Help 1]", ""))
        .reduce((a, b) -> a + "\n" + b).orElse("(Maven printed nothing)");
  }

  private int usageError(String message) {
    spec.commandLine().getErr().println("jcdk generate: " + message);
    return 2;
  }

  private static boolean isEmptyDirectory(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Moves the generated files into {@code target}, replacing files of the same name there. */
  private static void moveInto(Path generated, Path target) throws IOException {
    if (!Files.exists(target)) {
      Files.move(generated, target);
      return;
    }
    try (Stream<Path> files = Files.walk(generated)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path destination = target.resolve(generated.relativize(source).toString());
        if (Files.isDirectory(source)) {
          try {
            Files.createDirectories(destination);
          } catch (FileAlreadyExistsException e) {
            throw new IOException(destination + " is a file where the template has a directory", e);
          }
        } else {
          Files.move(source, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
