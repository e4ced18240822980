package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.report.CheckResult.Status;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker runner on images of the fixture connectors: the same suites pass as for the process
 * form, the image metadata checks judge labels and AIRBYTE_ENTRYPOINT, and no container outlives
 * its run (not even the one killed on purpose). Skipped, with the way to enable it, without Docker.
 */
class DockerRunnerIT {

  @TempDir
  Path dataDir;

  @BeforeAll
  static void buildFixtureImages() throws Exception {
    Optional<String> unavailable = DockerEnvironment.unavailableReason();
    if (unavailable.isEmpty() && !FixtureImages.imageExists(FixtureImages.BASE)) {
      unavailable = Optional.of("the base image " + FixtureImages.BASE + " is missing: run docker/build-jre-image.sh");
    }
    if (unavailable.isPresent()) {
      String reason = "container runs skipped — " + unavailable.get();
      System.err.println("jcdk acceptance: " + reason);
      if ("true".equalsIgnoreCase(System.getenv("JCDK_REQUIRE_DOCKER"))) {
        throw Check.fail(reason + " (JCDK_REQUIRE_DOCKER=true)");
      }
      throw Check.skip(reason);
    }
    FixtureImages.build();
  }

  @AfterAll
  static void removeFixtureImages() throws Exception {
    if (DockerEnvironment.unavailableReason().isEmpty()) {
      FixtureImages.remove();
    }
  }

  @Test
  void fixtureSourceImagePassesEverySuiteIncludingTheLaunchThePlatformMakes() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE), Map.of());

    assertThat(s.failed()).isEmpty();
    assertThat(s.idsWith(Status.SKIPPED)).isEmpty();
    assertThat(s.idsWith(Status.PASSED)).contains("image.labels", "image.version_label", "image.airbyte_entrypoint",
        "image.platform_launch", "image.class_data", "incremental.resume_from_each_state");
  }

  @Test
  void fixtureDestinationImagePassesEverySuiteAsANonRootUserAndLeavesNoContainerBehind() throws Exception {
    // The image runs as uid 1000, as the platform runs connectors: the store's directory must let it write.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Suites s = Suites.run(Suites.DESTINATION_CONFIG,
        cfg -> new DockerRunner(FixtureImages.DESTINATION, cfg.docker().environment(), cfg.docker().options()),
        Map.of("DATA_DIR", dataDir.toString()));

    assertThat(s.failed()).isEmpty();
    assertThat(s.idsWith(Status.PASSED)).contains("destination.state_echo_means_committed", "destination.large_records",
        "image.platform_launch", "image.class_data");
    assertThat(leftoverContainers()).isEmpty();
  }

  @Test
  void imageWithoutAirbyteMetadataFailsTheImageChecks() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE_WITHOUT_ENTRYPOINT_VARIABLE),
        Map.of(), "image", "spec");

    assertThat(s.failed()).containsExactlyInAnyOrder("image.labels", "image.version_label", "image.airbyte_entrypoint",
        "image.platform_launch");
    assertThat(s.message("image.airbyte_entrypoint")).contains("has no AIRBYTE_ENTRYPOINT variable");
    assertThat(s.message("image.platform_launch")).contains("AIRBYTE_ENTRYPOINT is not set");
    assertThat(s.idsWith(Status.PASSED)).contains("spec.single_spec_message");
  }

  @Test
  void imageWhoseEntrypointNamesAClassDataArchiveItDoesNotHaveFailsTheClassDataCheck() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE_WITHOUT_CLASS_DATA),
        Map.of(), "image", "spec");

    assertThat(s.failed()).containsExactly("image.class_data");
    assertThat(s.message("image.class_data")).contains("with -Xshare:on the JVM cannot use the class-data archive")
        .contains("/app/connector.jsa");
  }

  @Test
  void imageWhoseJvmWarnsOnStdoutFailsTheClassDataCheck() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE_WARNING_ON_STDOUT),
        Map.of(), "image", "spec");

    assertThat(s.failed()).containsExactly("image.class_data");
    assertThat(s.message("image.class_data")).contains("warns on stdout").contains("Unable to use shared archive");
  }

  @Test
  void imageWithoutAShellAndWithAFixedDevVersionFailsThePlatformChecks() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE_WITHOUT_SHELL),
        Map.of(), "image", "spec");

    assertThat(s.failed()).containsExactlyInAnyOrder("image.version_label", "image.platform_launch");
    assertThat(s.message("image.platform_launch")).contains("the image has no POSIX shell");
    assertThat(s.message("image.version_label")).contains("io.airbyte.version is 'dev', which is not a version");
    assertThat(s.idsWith(Status.PASSED)).contains("image.labels", "image.airbyte_entrypoint", "spec.single_spec_message");
  }

  /** Containers this JVM started that are still there (the engine may be shared with other builds). */
  private static String leftoverContainers() throws Exception {
    Process p = new ProcessBuilder("docker", "ps", "-a", "--format", "{{.Names}}", "--filter",
        "name=" + DockerRunner.containerNamePrefix()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out;
  }
}
