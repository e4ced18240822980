package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every command of the user guides, in order, as a reader types them (see {@link Guide} for
 * what a command is), in a copy of this checkout outside the tree: "run the demo", "install the kit",
 * "generate a connector", "build and test it", "prepare PostgreSQL for CDC", "build its image" are
 * run for real, and the output a guide shows is checked, so a guide (or a template) that stops
 * working fails the build. The guides run in the order of {@link #GUIDES}, one after another in the
 * same copy: the first builds what the demo needs as a fresh clone would, the second installs the
 * kit, and the later ones use what those built, as a reader who followed them would.
 *
 * <p>What differs from a reader's machine, and why: Maven installs into a local repository of the
 * sandbox (the real one is only read, as {@code maven.repo.local.tail}) and works offline, so the
 * generated projects are proved to build from the installed kit alone; {@code mvn} is this checkout's
 * Maven wrapper; images are based on the local JRE image ({@code -Plocal-jre}) where one was built,
 * as on any host without a registry. "Your PostgreSQL" is an embedded PostgreSQL 16 with
 * {@code wal_level = logical}, whose superuser connection the commands get as {@code PGHOST},
 * {@code PGPORT}, {@code PGUSER} and {@code PGDATABASE} (what psql reads); it listens on a port of its
 * own, which replaces {@code "port": 5432} in the files a guide saves. Commands that build or run
 * images need Docker: where none answers they are skipped, visibly, unless
 * {@code JCDK_REQUIRE_DOCKER=true} (CI), where they fail. {@code -Djcdk.guides=a.md,b.md} runs only
 * those guides (to work on one; the kit is then not installed unless one of them does it).
 */
class GuidesIT {

  private static final List<String> GUIDES = List.of(
      "getting-started.md", "first-source.md", "first-destination.md", "http-sources.md", "cdc-postgres.md", "running.md");
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  private static EmbeddedPostgres server;

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicNode> everyCommandOfEveryGuideWorks() throws IOException, InterruptedException {
    Path sandbox = Path.of("target", "guides").toAbsolutePath();
    server = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
    Shell shell = new Shell(sandbox, server.getPort());
    String only = System.getProperty("jcdk.guides", "");
    List<DynamicNode> guides = new ArrayList<>();
    for (String name : GUIDES) {
      if (!only.isBlank() && !List.of(only.split(",")).contains(name)) {
        continue;
      }
      Guide guide = Guide.read(CHECKOUT.resolve("docs").resolve(name));
      assertThat(guide.commands()).as("commands in " + name).isNotEmpty();
      Stream<DynamicNode> commands = guide.commands().stream().map(c ->
          DynamicTest.dynamicTest(name + ":" + c.line() + " " + c.title(), () -> shell.run(name, c)));
      if (guide.commands().stream().anyMatch(c -> c.text().startsWith("./jcdk generate"))) {
        commands = Stream.concat(commands, Stream.of(DynamicTest.dynamicTest(
            name + ": the project's CI workflow runs what the guide ran", () -> assertWorkflowRunsAGuideCommand(shell.cwd, guide))));
      }
      if (name.equals("first-source.md")) {
        commands = Stream.concat(commands, Stream.of(DynamicTest.dynamicTest(
            "generate writes into an existing project only with --force, keeping other files", () -> regenerateOnlyWithForce(shell))));
      }
      guides.add(DynamicContainer.dynamicContainer(name, commands));
    }
    return guides.stream();
  }

  /** On the project the first guide generated: refused without --force; with it, template files return, the author's stay. */
  private static void regenerateOnlyWithForce(Shell shell) throws IOException, InterruptedException {
    Path project = shell.checkout.resolveSibling("source-my-api");
    Path client = project.resolve("src/main/java/com/example/myapi/MyApiClient.java");
    Files.writeString(client, "changed by the author");
    Path notes = Files.writeString(project.resolve("notes.txt"), "the author's");
    String generate = "./jcdk generate source --name my-api --dir ../source-my-api";

    assertThat(shell.exec(generate, shell.checkout, "generate-again")).isEqualTo(2);
    assertThat(Files.readString(client)).isEqualTo("changed by the author");

    assertThat(shell.exec(generate + " --force", shell.checkout, "generate-force")).isZero();
    assertThat(Files.readString(client)).contains("final class MyApiClient");
    assertThat(notes).hasContent("the author's");
  }

  /**
   * The generated {@code .github/workflows/ci.yml} (in the directory the guide ended in) is valid YAML
   * whose build step, with its environment, is a command the guide ran.
   */
  private static void assertWorkflowRunsAGuideCommand(Path project, Guide guide) throws IOException {
    JsonNode workflow = new YAMLMapper().readTree(project.resolve(".github/workflows/ci.yml").toFile());
    List<String> ran = guide.commands().stream().map(Guide.Command::text).toList();
    List<String> steps = new ArrayList<>();
    workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
      if (step.has("run")) {
        StringBuilder command = new StringBuilder();
        step.path("env").fields().forEachRemaining(e -> command.append(e.getKey()).append('=').append(e.getValue().asText()).append(' '));
        steps.add(command.append(step.get("run").asText().strip()).toString());
      }
    }));
    assertThat(steps).as("the run steps of " + project.resolve(".github/workflows/ci.yml")).isNotEmpty()
        .allSatisfy(step -> assertThat(ran).as("commands of " + guide.file()).contains(step));
  }

  /** The reader's terminal: a working directory, an environment, and what has already run. */
  private static final class Shell {

    final Path checkout;
    private final Path logs;
    private String guide;
    private final Map<String, String> environment;
    private final boolean docker;
    private final int postgresPort;
    Path cwd;

    Shell(Path sandbox, int postgresPort) throws IOException, InterruptedException {
      this.postgresPort = postgresPort;
      deleteRecursively(sandbox);
      this.checkout = copyCheckout(sandbox.resolve("jcdk"));
      this.logs = Files.createDirectories(sandbox.resolve("logs"));
      this.cwd = checkout;
      this.docker = DockerEnvironment.unavailableReason().isEmpty();
      Path bin = Files.createDirectories(sandbox.resolve("bin"));
      Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nexec " + checkout.resolve("mvnw") + " \"$@\"\n");
      mvn.toFile().setExecutable(true);
      List<String> maven = new ArrayList<>(List.of("-B", "-o",
          "-Dmaven.repo.local=" + sandbox.resolve("m2"),
          "-Dmaven.repo.local.tail=" + System.getProperty("jcdk.outer.repo", System.getProperty("user.home") + "/.m2/repository")));
      if (docker && DockerEnvironment.inspect("jcdk/jre:17").isPresent()) {
        maven.add("-Plocal-jre");
      }
      this.environment = Map.of(
          "MAVEN_ARGS", String.join(" ", maven),
          "PATH", bin + ":" + System.getenv("PATH"),
          "JAVA_HOME", System.getProperty("java.home"),
          "PGHOST", "localhost",
          "PGPORT", String.valueOf(postgresPort),
          "PGUSER", "postgres",
          "PGDATABASE", "postgres");
    }

    /** Runs one command; each guide starts in the jcdk checkout. */
    void run(String guide, Guide.Command command) throws IOException, InterruptedException {
      if (!guide.equals(this.guide)) {
        this.guide = guide;
        cwd = checkout;
      }
      if (command.isCd()) {
        Path target = cwd.resolve(command.text().substring(3).strip()).normalize();
        assertThat(target).as("the directory of '" + command.text() + "'").isDirectory();
        cwd = target;
        return;
      }
      if (command.kind() == Guide.Kind.FILE) {
        // The reader's server listens on 5432; this one on a port of its own.
        Files.writeString(cwd.resolve(command.file()),
            command.text().replaceAll("(\"port\"\\s*:\\s*)5432\\b", "$1" + postgresPort));
        return;
      }
      if (command.needsDocker() && !docker) {
        if ("true".equalsIgnoreCase(System.getenv("JCDK_REQUIRE_DOCKER"))) {
          fail("needs Docker, which is required here (JCDK_REQUIRE_DOCKER=true) but does not answer");
        }
        assumeTrue(false, "needs Docker: run scripts/ensure-docker.sh and docker/build-jre-image.sh to run it");
      }
      String name = guide + "-" + command.line();
      boolean sql = command.kind() == Guide.Kind.SQL;
      int exit = exec(sql ? "psql -X -q -v ON_ERROR_STOP=1" : command.text(), sql ? command.text() : null, cwd, name);
      Path log = logs.resolve(name + ".log");
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String where = "'" + command.title() + "' (" + guide + " line " + command.line() + ")";
      if (exit != 0) {
        fail(where + " exited " + exit + " in " + cwd + "; the last lines of " + log + ":\n" + tail(lines));
      }
      if (!Guide.shows(lines, command.expectedOutput())) {
        fail(where + " printed what the guide does not show; the guide shows\n" + String.join("\n", command.expectedOutput())
            + "\nand " + log + " ends with:\n" + tail(lines));
      }
    }

    private static String tail(List<String> lines) {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    /** Runs a command line with bash in {@code dir}, its output in logs/{@code name}.log; returns its exit code. */
    int exec(String command, Path dir, String name) throws IOException, InterruptedException {
      return exec(command, null, dir, name);
    }

    private int exec(String command, String input, Path dir, String name) throws IOException, InterruptedException {
      Path log = logs.resolve(name + ".log");
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().remove("MAVEN_ARGS");
      pb.environment().remove("PGPASSWORD");
      pb.environment().putAll(environment);
      Process p = pb.start();
      try (OutputStream stdin = p.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(20, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail("'" + command + "' did not finish within 20 minutes; output in " + log);
      }
      return p.exitValue();
    }

    /** The checkout's files (tracked, and new ones not ignored), as a fresh clone would have them. */
    private static Path copyCheckout(Path target) throws IOException, InterruptedException {
      Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
          .directory(CHECKOUT.toFile()).start();
      String files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(git.waitFor()).as("git ls-files in " + CHECKOUT).isZero();
      for (String file : files.split("\0")) {
        Path source = CHECKOUT.resolve(file);
        if (!file.isEmpty() && Files.isRegularFile(source)) {
          Path copy = target.resolve(file);
          Files.createDirectories(copy.getParent());
          Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      return target;
    }

    private static void deleteRecursively(Path root) throws IOException {
      if (Files.exists(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }
}
