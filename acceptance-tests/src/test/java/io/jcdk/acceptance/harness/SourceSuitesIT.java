package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.fixtures.BrokenLegacyStateSource;
import io.jcdk.acceptance.fixtures.BrokenOptimisticStateSource;
import io.jcdk.acceptance.fixtures.BrokenRereadSource;
import io.jcdk.acceptance.fixtures.BrokenSchemaSource;
import io.jcdk.acceptance.fixtures.BrokenSkipOnResumeSource;
import io.jcdk.acceptance.fixtures.BrokenStrayOutputSource;
import io.jcdk.acceptance.fixtures.FixtureSource;
import io.jcdk.acceptance.report.CheckResult.Status;
import io.jcdk.acceptance.run.ProcessRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The source suites against the correct fixture source (everything passes, nothing is skipped) and
 * against deliberately broken ones (exactly the check for the defect fails, and says why).
 */
class SourceSuitesIT {

  private static Suites run(Class<?> main, String... suites) {
    return Suites.run(Suites.SOURCE_CONFIG, ProcessRunner.javaMain(main.getName(), Suites.FAST_START), Map.of(), suites);
  }

  @Test
  void correctSourcePassesEverySuiteWithoutSkips() {
    Suites s = run(FixtureSource.class);

    assertThat(s.failed()).isEmpty();
    assertThat(s.idsWith(Status.SKIPPED)).isEmpty();
    assertThat(s.idsWith(Status.PASSED)).contains("spec.backward_compatible", "connection.status",
        "basic_read.expected_records", "incremental.intermediate_states", "incremental.resume_from_each_state",
        "incremental.future_state");
  }

  @Test
  void legacyStateFailsOnlyTheLegacyCheck() {
    Suites s = run(BrokenLegacyStateSource.class, "basic_read");

    assertThat(s.failed()).containsExactly("basic_read.no_legacy_state");
    assertThat(s.message("basic_read.no_legacy_state")).contains("LEGACY state").contains("stdout line");
  }

  @Test
  void recordAgainstItsSchemaFailsOnlyTheSchemaCheck() {
    Suites s = run(BrokenSchemaSource.class, "basic_read");

    assertThat(s.failed()).containsExactly("basic_read.records_match_schema");
    assertThat(s.message("basic_read.records_match_schema"))
        .contains("1 of 20 records").contains("stream 'fixture.users'").contains("\"five\"").contains("integer");
  }

  @Test
  void rereadAfterStateFailsTheSecondReadCheck() {
    Suites s = run(BrokenRereadSource.class, "incremental");

    assertThat(s.failed()).containsExactlyInAnyOrder("incremental.no_reread_after_state", "incremental.future_state");
    assertThat(s.message("incremental.no_reread_after_state"))
        .contains("stream 'fixture.users': the second read re-read 10 record(s)").contains("updated_at");
    assertThat(s.idsWith(Status.PASSED)).contains("incremental.resume_from_each_state");
  }

  @Test
  void stateThatClaimsUnreadRowsFailsTheResumeCheck() {
    Suites s = run(BrokenOptimisticStateSource.class, "incremental");

    assertThat(s.failed()).containsExactly("incremental.resume_from_each_state");
    assertThat(s.message("incremental.resume_from_each_state")).contains("lost").contains("fixture.users");
  }

  @Test
  void sourceThatSkipsRowsOnResumeFailsTheResumeCheckThroughTheStatesTheHarnessAsksFor() {
    Suites s = run(BrokenSkipOnResumeSource.class, "incremental");

    assertThat(s.failed()).containsExactly("incremental.resume_from_each_state");
    assertThat(s.message("incremental.resume_from_each_state")).contains("lost").contains("fixture.orders");
    assertThat(s.idsWith(Status.PASSED)).contains("incremental.intermediate_states");
  }

  @Test
  void streamWithOneStatePerReadFailsAtHighStrictnessNamingTheStreamAndTheWayOut() {
    ProcessRunner oneStatePerStream = ProcessRunner.javaMain(BrokenSkipOnResumeSource.class.getName(),
        Suites.FAST_START).withEnvironment(Map.of("JCDK_CHECKPOINT_RECORDS", "1000000"));

    Suites s = Suites.run(Suites.SOURCE_CONFIG, oneStatePerStream, Map.of(), "incremental");

    assertThat(s.failed()).containsExactly("incremental.intermediate_states");
    assertThat(s.message("incremental.intermediate_states"))
        .contains("'fixture.users' (1 state), 'fixture.orders' (1 state) printed fewer than two states")
        .contains("give the test data more rows").contains("single_state_streams: [{name: users, bypass_reason:");
  }

  @Test
  void strayStdoutLineFailsConformanceAndIsQuoted() {
    Suites s = run(BrokenStrayOutputSource.class, "spec", "discovery");

    assertThat(s.failed()).containsExactlyInAnyOrder("spec.protocol_conformance", "discovery.protocol_conformance");
    assertThat(s.message("spec.protocol_conformance"))
        .contains("stdout line 1: is not a protocol message").contains("'Starting fixture source v1.0'");
  }
}
