package io.jcdk.acceptance.junit;

import io.jcdk.acceptance.AcceptanceSuites;
import io.jcdk.acceptance.AcceptanceSuites.Options;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.config.AcceptanceTestConfig;
import io.jcdk.acceptance.destination.ReadBack;
import io.jcdk.acceptance.run.ClassDataArchive;
import io.jcdk.acceptance.run.ConnectorRunner;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerEnvironment.Availability;
import io.jcdk.acceptance.run.DockerRunner;
import io.jcdk.acceptance.run.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *     return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
 *         .variable("PORT", String.valueOf(server.port()))
 *         .jar(Path.of("target/source-thing.jar"))   // the process runner
 *         .builtImage()                              // the docker runner, on the image -Pimages builds
 *         .tests();
 *   }
 * }
 * }</pre>
 *
 * <p>Tests are named runner / group / check, so a failure reads "docker / basic_read / no LEGACY
 * state". An image named with {@link #image} must exist: a missing one, or no Docker, is a failed
 * test that says how to build it. {@link #builtImage} is the image the build makes with
 * {@code -Pimages}: without that profile its runs are one skipped test saying so. The config's
 * connector_image, used when no runner is given, is skipped visibly where Docker is absent, unless
 * {@code JCDK_REQUIRE_DOCKER=true} (CI), where that fails too.
 */
public final class AcceptanceTestFactory {

  /** System properties jcdk-connector-parent's failsafe configuration sets for {@link #builtImage}. */
  static final String IMAGE_PROPERTY = "jcdk.image";
  static final String IMAGE_SKIPPED_PROPERTY = "jcdk.image.skip";
  static final String IMAGE_VERSION_PROPERTY = "jcdk.image.version";

  private final Path configFile;
  private final Map<String, String> variables = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();
  private final List<ConnectorRunner> runners = new ArrayList<>();
  private final Set<String> only = new LinkedHashSet<>();
  private ReadBack readBack;
  private String image;
  private boolean builtImage;

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

  /**
   * Runs the connector as {@code java -jar jar}, on a class-data archive of the jar recorded by its
   * first start ({@link ClassDataArchive}): the suites start it dozens of times.
   */
  public AcceptanceTestFactory jar(Path jar) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(ClassDataArchive.flags(java, jar.toAbsolutePath()));
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    return process(command);
  }

  /** Runs the connector as this command line. */
  public AcceptanceTestFactory process(List<String> commandLine) {
    runners.add(new ProcessRunner(commandLine, Map.of(), null));
    return this;
  }

  /** Also runs this image, which must exist: a missing image (or no Docker) is a failed test. */
  public AcceptanceTestFactory image(String dockerImage) {
    this.image = Objects.requireNonNull(dockerImage, "dockerImage");
    return this;
  }

  /**
   * Also runs the image this build makes, named by jcdk-connector-parent
   * ({@code ${jcdk.image.repository}:${jcdk.image.tag}}), whose io.airbyte.version label must be the
   * project's version. Built ({@code -Pimages}), it must exist; without {@code -Pimages} its runs are
   * one skipped test saying how to build it.
   */
  public AcceptanceTestFactory builtImage() {
    this.builtImage = true;
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
    Options options = new Options(variables, only, readBack, null);
    for (ConnectorRunner runner : runners) {
      ConnectorRunner r = runner instanceof ProcessRunner p ? p.withEnvironment(environment) : runner;
      nodes.add(container(r, AcceptanceSuites.build(config, r, options)));
    }
    if (builtImage) {
      nodes.add(builtImageNode(config));
    } else if (image != null) {
      nodes.add(dockerNode(config, image, true, null));
    } else if (runners.isEmpty() && config.connectorImage() != null) {
      nodes.add(dockerNode(config, config.connectorImage(), false, null));
    }
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no runner: call jar(..), process(..), image(..) or builtImage(), or set "
          + "connector_image in " + config.file());
    }
    return nodes.stream();
  }

  private DynamicNode builtImageNode(AcceptanceTestConfig config) {
    String built = System.getProperty(IMAGE_PROPERTY);
    if (built == null || built.isBlank()) {
      throw new IllegalStateException("builtImage() takes the image's name from the system property " + IMAGE_PROPERTY
          + ", which jcdk-connector-parent's failsafe configuration sets; without that parent, name the image with "
          + "image(..)");
    }
    if ("true".equals(System.getProperty(IMAGE_SKIPPED_PROPERTY))) {
      String reason = "container runs skipped — this build makes no image: build " + built + " and run its tests "
          + "with ./mvnw verify -Pimages (on a host that cannot pull the base image, run jcdk's "
          + "docker/build-jre-image.sh once and add -Plocal-jre)";
      System.err.println("jcdk acceptance: " + reason);
      return DynamicTest.dynamicTest("docker: " + built, () -> {
        throw Check.skip(reason);
      });
    }
    return dockerNode(config, built, true, System.getProperty(IMAGE_VERSION_PROPERTY));
  }

  private DynamicNode dockerNode(AcceptanceTestConfig config, String dockerImage, boolean named, String version) {
    Availability availability = DockerEnvironment.availability(dockerImage);
    if (!availability.runnable()) {
      boolean required = "true".equalsIgnoreCase(System.getenv("JCDK_REQUIRE_DOCKER"));
      boolean fails = availability.failsWhenNotRunnable(named, required);
      String reason = "container runs " + (fails ? "impossible" : "skipped") + " — " + availability.problem();
      System.err.println("jcdk acceptance: " + reason);
      return DynamicTest.dynamicTest("docker: " + dockerImage, () -> {
        if (fails) {
          throw Check.fail(reason + (named || availability.dockerAnswers() ? "" : " (JCDK_REQUIRE_DOCKER=true)"));
        }
        throw Check.skip(reason);
      });
    }
    Map<String, String> env = new HashMap<>(config.docker().environment());
    env.putAll(environment);
    DockerRunner runner = new DockerRunner(dockerImage, env, config.docker().options());
    return container(runner, AcceptanceSuites.build(config, runner, new Options(variables, only, readBack, version)));
  }

  private static DynamicContainer container(ConnectorRunner runner, List<CheckGroup> groups) {
    return DynamicContainer.dynamicContainer(runner.kind() + ": " + runner.description(), groups.stream().map(g ->
        DynamicContainer.dynamicContainer(g.name(), g.checks().stream().map(c ->
            DynamicTest.dynamicTest(c.name() + " [" + c.id() + "]", c.body())))));
  }
}
