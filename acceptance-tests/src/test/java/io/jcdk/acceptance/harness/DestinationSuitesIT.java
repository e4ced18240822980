package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.fixtures.BrokenEarlyEchoDestination;
import io.jcdk.acceptance.fixtures.FixtureDestination;
import io.jcdk.acceptance.report.CheckResult.Status;
import io.jcdk.acceptance.run.ProcessRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destination suites against the correct fixture destination and one that echoes states too early. */
class DestinationSuitesIT {

  @TempDir
  Path dataDir;

  private Suites run(Class<?> main, String... suites) {
    return Suites.run(Suites.DESTINATION_CONFIG, ProcessRunner.javaMain(main.getName(), Suites.FAST_START),
        Map.of("DATA_DIR", dataDir.toString()), suites);
  }

  @Test
  void correctDestinationPassesEverySuite() {
    Suites s = run(FixtureDestination.class);

    assertThat(s.failed()).isEmpty();
    assertThat(s.idsWith(Status.SKIPPED)).containsExactly("spec.backward_compatible");
    assertThat(s.idsWith(Status.PASSED)).contains("destination.append_dedup", "destination.large_records",
        "destination.state_echo_means_committed", "connection.status", "spec.matches_expected");
  }

  @Test
  void stateEchoedBeforeItsRecordsAreStoredFailsTheDurabilityCheck() {
    Suites s = run(BrokenEarlyEchoDestination.class, "destination");

    assertThat(s.failed()).containsExactly("destination.state_echo_means_committed");
    assertThat(s.message("destination.state_echo_means_committed"))
        .contains("after killing the destination right then only 0 of the 25 records sent before it were stored");
    assertThat(s.idsWith(Status.PASSED)).contains("destination.states_echoed_in_order", "destination.sync");
  }
}
