package io.jcdk.acceptance.junit;

import io.jcdk.acceptance.AcceptanceSuites;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.config.AcceptanceTestConfig;
import io.jcdk.acceptance.destination.ReadBack;
import io.jcdk.acceptance.run.ConnectorRunner;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerRunner;
import io.jcdk.acceptance.run.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every acceptance suite as JUnit 5 dynamic tests, for a connector module's one integration test:
 *
 * <pre>{@code
 * class SourceThingAcceptanceIT {
 *   @TestFactory
 *   Stream<DynamicNode> acceptance() {
 *     return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance-test-config.yml"))
 *         .variable("PORT", String.valueOf(server.port()))
 *         .jar(Path.of("target/source-thing.jar"))   // the process runner
 *         .image("jcdk/source-thing:dev")            // the docker runner (default: connector_image)
 *         .tests();
 *   }
 * }
 * }</pre>
 *
 * <p>Tests are named runner / group / check, so a failure reads "docker / basic_read / no LEGACY
 * state". Where Docker is absent the docker runner becomes one skipped test saying how to enable it;
 * with {@code JCDK_REQUIRE_DOCKER=true} (CI) it fails instead.
 */
public final class AcceptanceTestFactory {

  private final Path configFile;
  private final Map<String, String> variables = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();
  private final List<ConnectorRunner> runners = new ArrayList<>();
  private final Set<String> only = new LinkedHashSet<>();
  private ReadBack readBack;
  private String image;
  private boolean imageGiven;

  private AcceptanceTestFactory(Path configFile) {
    this.configFile = configFile;
  }

  public static AcceptanceTestFactory forConfig(Path configFile) {
    return new AcceptanceTestFactory(configFile);
  }

  /** A value for {@code ${name}} placeholders in the config and its fixture files. */
  public AcceptanceTestFactory variable(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** An environment variable for the connector, in every runner. */
  public AcceptanceTestFactory environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Runs the connector as {@code java -jar jar}. */
  public AcceptanceTestFactory jar(Path jar) {
    return process(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toAbsolutePath().toString()));
  }

  /** Runs the connector as this command line. */
  public AcceptanceTestFactory process(List<String> commandLine) {
    runners.add(new ProcessRunner(commandLine, Map.of(), null));
    return this;
  }

  /** Also runs the image (null: the config's connector_image). */
  public AcceptanceTestFactory image(String dockerImage) {
    this.image = dockerImage;
    this.imageGiven = true;
    return this;
  }

  /** Only these suites (spec, connection, discovery, basic_read, full_refresh, incremental, destination, image). */
  public AcceptanceTestFactory only(String... suites) {
    only.addAll(List.of(suites));
    return this;
  }

  /** Reads back what a destination stored, in code, instead of the config's read_back command. */
  public AcceptanceTestFactory readBack(ReadBack destinationReadBack) {
    this.readBack = destinationReadBack;
    return this;
  }

  public Stream<DynamicNode> tests() {
    AcceptanceTestConfig config = AcceptanceTestConfig.load(configFile, variables);
    List<DynamicNode> nodes = new ArrayList<>();
    config.ignoredKeys().forEach(k ->
        System.err.println("jcdk acceptance: " + config.file() + ": ignoring the unknown key " + k.describe()));
    for (ConnectorRunner runner : runners) {
      ConnectorRunner r = runner instanceof ProcessRunner p ? p.withEnvironment(environment) : runner;
      nodes.add(container(r, AcceptanceSuites.build(config, r, variables, only, readBack)));
    }
    String dockerImage = image != null ? image : imageGiven || runners.isEmpty() ? config.connectorImage() : null;
    if (dockerImage != null) {
      nodes.add(dockerNode(config, dockerImage));
    }
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no runner: call jar(..), process(..) or image(..), or set connector_image in "
          + config.file());
    }
    return nodes.stream();
  }

  private DynamicNode dockerNode(AcceptanceTestConfig config, String dockerImage) {
    var unavailable = DockerEnvironment.unavailableReason();
    if (unavailable.isEmpty() && DockerEnvironment.inspect(dockerImage).isEmpty()) {
      unavailable = java.util.Optional.of("the image " + dockerImage + " is not in the local Docker engine: build it "
          + "with ./mvnw -Pimages,local-jre package -DskipTests (docker/build-jre-image.sh first)");
    }
    if (unavailable.isPresent()) {
      String reason = "container runs skipped — " + unavailable.get();
      boolean required = "true".equalsIgnoreCase(System.getenv("JCDK_REQUIRE_DOCKER"));
      System.err.println("jcdk acceptance: " + reason);
      return DynamicTest.dynamicTest("docker: " + dockerImage, () -> {
        if (required) {
          throw Check.fail(reason + " (JCDK_REQUIRE_DOCKER=true)");
        }
        throw Check.skip(reason);
      });
    }
    Map<String, String> env = new HashMap<>(config.docker().environment());
    env.putAll(environment);
    DockerRunner runner = new DockerRunner(dockerImage, env, config.docker().options());
    return container(runner, AcceptanceSuites.build(config, runner, variables, only, readBack));
  }

  private static DynamicContainer container(ConnectorRunner runner, List<CheckGroup> groups) {
    return DynamicContainer.dynamicContainer(runner.kind() + ": " + runner.description(), groups.stream().map(g ->
        DynamicContainer.dynamicContainer(g.name(), g.checks().stream().map(c ->
            DynamicTest.dynamicTest(c.name() + " [" + c.id() + "]", c.body())))));
  }
}
