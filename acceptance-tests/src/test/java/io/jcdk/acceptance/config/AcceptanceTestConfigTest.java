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
  void readsTheAirbyteShapeAndReportsUnknownKeys() throws Exception {
    Path file = dir.resolve("acceptance-test-config.yml");
    Files.writeString(file, """
        connector_image: jcdk/source-x:${TAG}
        test_strictness_level: high
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
    assertThat(config.ignoredKeys()).containsExactlyInAnyOrder("/test_strictness_level", "/acceptance_tests/incremnetal");
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
