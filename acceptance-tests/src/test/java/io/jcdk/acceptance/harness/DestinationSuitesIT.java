package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.fixtures.BrokenCutShortDestination;
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
        "destination.state_echo_means_committed", "destination.read_back", "destination.cut_short_input",
        "destination.overwrite_retry", "connection.status", "spec.matches_expected");
  }

  @Test
  void overwritePublishedAtACutShortEndOfInputFailsTheCutShortCheck() {
    Suites s = run(BrokenCutShortDestination.class, "destination");

    assertThat(s.failed()).containsExactly("destination.cut_short_input");
    assertThat(s.message("destination.cut_short_input"))
        .contains("after an overwrite sync of an empty input (no COMPLETE status)")
        .contains("holds 0 record(s) instead of the 5 it held before")
        .contains("after an overwrite sync of records, then the end of input (no COMPLETE status)")
        .contains("after an overwrite sync of records after the last state (no COMPLETE status)")
        .contains("publish an overwrite only when its stream's COMPLETE status arrives");
    assertThat(s.idsWith(Status.PASSED)).contains("destination.overwrite", "destination.overwrite_retry");
  }

  @Test
  void destinationWithoutReadBackFailsTheReadBackCheckAtHighStrictness() {
    Suites s = Suites.run(Suites.DESTINATION_CONFIG.resolveSibling("without-read-back.yml"),
        ProcessRunner.javaMain(FixtureDestination.class.getName(), Suites.FAST_START),
        Map.of("DATA_DIR", dataDir.toString()), "destination");

    assertThat(s.failed()).containsExactly("destination.read_back");
    assertThat(s.message("destination.read_back")).contains("no read_back configured")
        .contains("io.jcdk.destination.ReadableDestination").contains("bypass: {read_back: <why>}");
    assertThat(s.idsWith(Status.SKIPPED)).contains("destination.overwrite", "destination.cut_short_input")
        .contains("destination.state_echo_means_committed");
  }

  @Test
  void stateEchoedBeforeItsRecordsAreStoredFailsTheDurabilityCheck() {
    Suites s = run(BrokenEarlyEchoDestination.class, "destination");

    assertThat(s.failed()).containsExactlyInAnyOrder("destination.state_echo_means_committed",
        "destination.overwrite_retry");
    assertThat(s.message("destination.state_echo_means_committed"))
        .contains("after killing the destination right then only 0 of the 25 records sent before it were stored");
    assertThat(s.message("destination.overwrite_retry")).contains("it holds 10:")
        .contains("10 record(s) missing").contains("keep what the killed attempt committed before its echoed state");
    assertThat(s.idsWith(Status.PASSED)).contains("destination.states_echoed_in_order", "destination.sync");
  }
}
