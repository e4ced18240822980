package io.jcdk.cli;

import io.jcdk.acceptance.AcceptanceSuites;
import io.jcdk.acceptance.AcceptanceSuites.Options;
import io.jcdk.acceptance.config.AcceptanceTestConfig;
import io.jcdk.acceptance.report.CheckExecutor;
import io.jcdk.acceptance.report.CheckResult;
import io.jcdk.acceptance.report.CheckResult.Status;
import io.jcdk.acceptance.report.JUnitXmlReport;
import io.jcdk.acceptance.report.TextReport;
import io.jcdk.acceptance.run.ConnectorRunner;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerEnvironment.Availability;
import io.jcdk.acceptance.run.DockerRunner;
import io.jcdk.acceptance.run.ProcessRunner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcdk test --config acceptance-test-config.yml [--image I] [--command "java -jar c.jar"]}:
 * runs every configured suite on each runner given (the config's connector_image when none is),
 * prints a readable report and writes JUnit XML. Exit 0 when nothing failed, 1 otherwise, 2 when the
 * config cannot be used.
 */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = KitVersion.class,
    description = "Run the acceptance suites against a connector, as a process and/or a Docker image.")
public final class TestCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "acceptance-test-config.yml")
  Path config;

  @Option(names = "--image", paramLabel = "IMAGE", description = "Docker image to test; it must be in the local "
      + "engine (default, without --command: the config's connector_image, skipped where Docker is absent)")
  String image;

  @Option(names = "--command", paramLabel = "COMMAND",
      description = "command line that runs the connector, e.g. \"java -jar c.jar\"")
  String command;

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "value for a $${NAME} placeholder in the config and its files")
  Map<String, String> variables = new HashMap<>();

  @Option(names = "--only", split = ",", paramLabel = "SUITE", completionCandidates = SuiteNames.class,
      description = "only these suites, comma-separated: ${COMPLETION-CANDIDATES}")
  List<String> only = new ArrayList<>();

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "where to write JUnit XML (default: ${DEFAULT-VALUE})")
  Path junitXml = Path.of("jcdk-test-results.xml");

  @Option(names = "--require-docker", description = "fail instead of skipping the config's connector_image where "
      + "Docker is absent (also JCDK_REQUIRE_DOCKER=true)")
  boolean requireDocker;

  /** The suite names {@code --only} accepts, for its help. */
  static final class SuiteNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return AcceptanceSuites.SUITES.iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    AcceptanceTestConfig cfg;
    Set<String> suites = new LinkedHashSet<>(only);
    try {
      cfg = AcceptanceTestConfig.load(config, variables);
      for (String s : suites) {
        if (!AcceptanceSuites.SUITES.contains(s)) {
          throw new IllegalArgumentException("unknown suite '" + s + "' in --only; known: " + AcceptanceSuites.SUITES);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("jcdk test: " + e.getMessage());
      return 2;
    }
    cfg.ignoredKeys().forEach(k -> out.println("note: " + cfg.file() + ": ignoring the unknown key " + k.describe()));
    List<ConnectorRunner> runners = new ArrayList<>();
    if (command != null) {
      try {
        runners.add(new ProcessRunner(CommandWords.split(command), Map.of(), null));
      } catch (IllegalArgumentException e) {
        System.err.println("jcdk test: " + e.getMessage());
        return 2;
      }
    }
    String dockerImage = image != null ? image : command == null ? cfg.connectorImage() : null;
    boolean required = requireDocker || "true".equalsIgnoreCase(System.getenv("JCDK_REQUIRE_DOCKER"));
    List<CheckResult> results = new ArrayList<>();
    if (dockerImage != null) {
      Availability availability = DockerEnvironment.availability(dockerImage);
      if (availability.runnable()) {
        runners.add(new DockerRunner(dockerImage, cfg.docker().environment(), cfg.docker().options()));
      } else {
        // An image the user named (or the config's, where Docker answers) must run: its absence fails.
        boolean fails = availability.failsWhenNotRunnable(image != null, required);
        out.println("container runs " + (fails ? "impossible" : "skipped") + " — " + availability.problem());
        results.add(new CheckResult("docker", "docker",
            availability.dockerAnswers() ? "docker.image_present" : "docker.available",
            availability.dockerAnswers() ? "the image is in the local Docker engine" : "Docker is available",
            fails ? Status.FAILED : Status.SKIPPED, availability.problem(), Duration.ZERO));
      }
    }
    if (runners.isEmpty() && results.isEmpty()) {
      System.err.println("jcdk test: nothing to run: give --image or --command, or set connector_image in " + cfg.file());
      return 2;
    }
    TextReport report = new TextReport(out);
    long start = System.nanoTime();
    String connector = cfg.connectorImage() != null ? cfg.connectorImage() : cfg.file().toString();
    for (ConnectorRunner runner : runners) {
      report.header(connector, runner.kind() + ": " + runner.description());
      try {
        results.addAll(CheckExecutor.run(runner.kind(),
            AcceptanceSuites.build(cfg, runner, Options.of(variables, suites)), report::line));
      } catch (IllegalArgumentException e) {
        System.err.println("jcdk test: " + e.getMessage());
        return 2;
      }
    }
    report.summary(results, Duration.ofNanos(System.nanoTime() - start));
    JUnitXmlReport.write(junitXml, connector, results);
    out.println("JUnit XML: " + junitXml.toAbsolutePath());
    boolean failed = results.stream().anyMatch(r -> r.status() == Status.FAILED || r.status() == Status.ERROR);
    return failed ? 1 : 0;
  }
}
