package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.report.CheckResult.Status;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void fixtureSourceImagePassesEverySuiteIncludingImageMetadata() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE), Map.of());

    assertThat(s.failed()).isEmpty();
    assertThat(s.idsWith(Status.SKIPPED)).isEmpty();
    assertThat(s.idsWith(Status.PASSED)).contains("image.labels", "image.airbyte_entrypoint",
        "incremental.resume_from_each_state");
  }

  @Test
  void fixtureDestinationImagePassesEverySuiteAndLeavesNoContainerBehind() throws Exception {
    Suites s = Suites.run(Suites.DESTINATION_CONFIG,
        cfg -> new DockerRunner(FixtureImages.DESTINATION, cfg.docker().environment(), cfg.docker().options()),
        Map.of("DATA_DIR", dataDir.toString()));

    assertThat(s.failed()).isEmpty();
    assertThat(s.idsWith(Status.PASSED)).contains("destination.state_echo_means_committed", "destination.large_records");
    assertThat(leftoverContainers()).isEmpty();
  }

  @Test
  void imageWithoutAirbyteMetadataFailsTheImageChecks() {
    Suites s = Suites.run(Suites.SOURCE_CONFIG, DockerRunner.of(FixtureImages.SOURCE_WITHOUT_ENTRYPOINT_VARIABLE),
        Map.of(), "image", "spec");

    assertThat(s.failed()).containsExactlyInAnyOrder("image.labels", "image.airbyte_entrypoint");
    assertThat(s.message("image.airbyte_entrypoint")).contains("has no AIRBYTE_ENTRYPOINT variable");
    assertThat(s.idsWith(Status.PASSED)).contains("spec.single_spec_message");
  }

  private static String leftoverContainers() throws Exception {
    Process p = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "name=jcdk-acceptance-").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out;
  }
}
