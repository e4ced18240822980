package io.jcdk.acceptance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.acceptance.config.AcceptanceTestConfig.ExpectedStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptanceTestConfigTest {

  @TempDir
  Path dir;

  @Test
  void readsTheAirbyteShapeAndNotesUnknownKeysAtLowStrictness() throws Exception {
    Path file = dir.resolve("acceptance-test-config.yml");
    Files.writeString(file, """
        connector_image: jcdk/source-x:${TAG}
        test_strictness_level: low
        acceptance_tests:
          connection:
            tests:
              - config_path: secrets/config.json
                status: failed
          basic_read:
            tests:
              - config_path: c.json
                empty_streams:
                  - name: audit
                    bypass_reason: no rows in the test database
                expect_records:
                  path: expected.jsonl
                  exact_order: yes
          full_refresh:
            bypass_reason: the API changes on every call
          incremnetal:
            tests: []
        """);

    AcceptanceTestConfig config = AcceptanceTestConfig.load(file, Map.of("TAG", "dev"));

    assertThat(config.connectorImage()).isEqualTo("jcdk/source-x:dev");
    assertThat(config.acceptanceTests().connection().tests().get(0).status()).isEqualTo(ExpectedStatus.FAILED);
    assertThat(config.acceptanceTests().basicRead().tests().get(0).emptyStreams().get(0).name()).isEqualTo("audit");
    assertThat(config.acceptanceTests().basicRead().tests().get(0).expectRecords().exactOrder()).isTrue();
    assertThat(config.acceptanceTests().fullRefresh().bypassReason()).isEqualTo("the API changes on every call");
    assertThat(config.strictness()).isEqualTo(Strictness.LOW);
    assertThat(config.ignoredKeys()).extracting(UnknownKey::describe).containsExactly(
        "'incremnetal' (line 19, in acceptance_tests): did you mean 'incremental'?");
  }

  @Test
  void typoedKeyAtHighStrictnessIsAnErrorNamingItsLineAndTheKeyMeant() {
    Path typo = Path.of("src/test/resources/fixtures/source/typo-acceptance-test-config.yml");

    assertThatThrownBy(() -> AcceptanceTestConfig.load(typo, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not meet test_strictness_level: high (the default)")
        .hasMessageContaining("unknown key 'futur_state_path' (line 37, in "
            + "acceptance_tests.incremental.tests[0].future_state): did you mean 'future_state_path'?")
        .hasMessageContaining("acceptance_tests.incremental.tests[0] has no future_state");
  }

  @Test
  void highStrictnessDemandsEverySuiteOrABypassReasonAndReasonsForExcusedStreams() throws Exception {
    Path file = dir.resolve("acceptance-test-config.yml");
    Files.writeString(file, """
        acceptance_tests:
          spec:
            tests: [{config_path: c.json}]
          connection:
            bypass_reason: ""
          discovery:
            bypass_reason: the source has one fixed stream
          basic_read:
            tests:
              - config_path: c.json
                empty_streams: [{name: audit}]
          incremental:
            tests:
              - config_path: c.json
                future_state: {bypass_reason: no cursor can be in the future}
                single_state_streams: [{name: events, bypass_reason: the API returns one page}]
        """);

    assertThatThrownBy(() -> AcceptanceTestConfig.load(file, Map.of()))
        .hasMessageContaining("acceptance_tests.connection.bypass_reason is empty: say why")
        .hasMessageContaining("acceptance_tests.full_refresh is missing: configure its tests, or write "
            + "'full_refresh: {bypass_reason: <why it does not apply>}'")
        .hasMessageContaining("acceptance_tests.basic_read.tests[0] has no expect_records")
        .hasMessageContaining("acceptance_tests.basic_read.tests[0].empty_streams[0] ('audit') has no bypass_reason")
        .message().doesNotContain("discovery").doesNotContain("incremental").doesNotContain("spec");
  }

  @Test
  void destinationConfigAtHighStrictnessNeedsNoSourceSuites() throws Exception {
    Path file = dir.resolve("acceptance-test-config.yml");
    Files.writeString(file, """
        destination:
          tests:
            - config_path: c.json
              bypass: {append_dedup: keys are not supported}
        """);

    AcceptanceTestConfig config = AcceptanceTestConfig.load(file, Map.of());

    assertThat(config.strictness()).isEqualTo(Strictness.HIGH);
    assertThat(config.destination().tests().get(0).bypass()).containsEntry("append_dedup", "keys are not supported");
  }

  @Test
  void lowStrictnessAcceptsLeftOutSuitesAndTheTypo() throws Exception {
    Path file = dir.resolve("acceptance-test-config.yml");
    Files.writeString(file, """
        test_strictness_level: low
        acceptance_tests:
          incremental:
            tests:
              - config_path: c.json
                future_state: {futur_state_path: f.json}
        """);

    AcceptanceTestConfig config = AcceptanceTestConfig.load(file, Map.of());

    assertThat(config.ignoredKeys()).extracting(UnknownKey::pointer)
        .containsExactly("/acceptance_tests/incremental/tests/0/future_state/futur_state_path");
  }

  @Test
  void fixtureFilesGetPlaceholdersReplacedAndNameAMissingOne() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"port\": ${PG_PORT}, \"host\": \"${HOST}\"}");
    Fixtures fixtures = new Fixtures(dir, Map.of("PG_PORT", "5433"));

    assertThatThrownBy(() -> fixtures.json("config.json"))
        .hasMessageContaining("config.json uses ${HOST}, which is not set").hasMessageContaining("--var HOST=");
    assertThat(new Fixtures(dir, Map.of("PG_PORT", "5433", "HOST", "db")).json("config.json").toString())
        .isEqualTo("{\"port\":5433,\"host\":\"db\"}");
  }

  @Test
  void wrongValueNamesItsPlace() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(file, "acceptance_tests:\n  connection:\n    tests:\n      - status: maybe\n");

    assertThatThrownBy(() -> AcceptanceTestConfig.load(file, Map.of()))
        .hasMessageContaining("has a wrong value at").hasMessageContaining("status");
  }
}
