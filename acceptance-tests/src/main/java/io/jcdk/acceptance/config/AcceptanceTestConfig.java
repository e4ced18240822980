package io.jcdk.acceptance.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code acceptance-test-config.yml}: the shape connector authors know from Airbyte's connector
 * acceptance tests ({@code connector_image}, {@code acceptance_tests} with spec / connection /
 * discovery / basic_read / full_refresh / incremental), plus a {@code destination} section for
 * destinations and a {@code docker} section for container runs. Paths are relative to the file.
 *
 * <p>{@code test_strictness_level} is {@code high} unless the file says {@code low} (see {@link
 * Strictness}): at high, a key the harness does not know is an error naming its line and the key
 * meant, and every suite must be configured or bypassed with a reason. At low, unknown keys are kept
 * in {@link #ignoredKeys()} and reported.
 */
public record AcceptanceTestConfig(
    @JsonProperty("connector_image") String connectorImage,
    @JsonProperty("test_strictness_level") Strictness strictness,
    @JsonProperty("acceptance_tests") AcceptanceTests acceptanceTests,
    DestinationTests destination,
    DockerOptions docker,
    @JsonIgnore Path file,
    @JsonIgnore List<UnknownKey> ignoredKeys) {

  public AcceptanceTestConfig {
    strictness = strictness == null ? Strictness.DEFAULT : strictness;
    acceptanceTests = acceptanceTests == null ? new AcceptanceTests(null, null, null, null, null, null) : acceptanceTests;
    docker = docker == null ? new DockerOptions(null, null) : docker;
    ignoredKeys = ignoredKeys == null ? List.of() : List.copyOf(ignoredKeys);
  }

  /** Reads the file; {@code ${NAME}} placeholders are replaced from {@code variables} and the environment. */
  public static AcceptanceTestConfig load(Path file, Map<String, String> variables) {
    Path absolute = file.toAbsolutePath().normalize();
    YAMLMapper yaml = new YAMLMapper();
    try {
      String text = new Fixtures(absolute.getParent(), variables).substituteLenient(Files.readString(absolute));
      JsonNode tree = yaml.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new IllegalArgumentException("the acceptance test config " + absolute + " is empty");
      }
      List<UnknownKey> unknown = UnknownKeys.of(text, tree, AcceptanceTestConfig.class);
      AcceptanceTestConfig parsed = yaml.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .treeToValue(tree, AcceptanceTestConfig.class);
      if (parsed == null) {
        throw new IllegalArgumentException("the acceptance test config " + absolute + " is empty");
      }
      AcceptanceTestConfig config = new AcceptanceTestConfig(parsed.connectorImage, parsed.strictness,
          parsed.acceptanceTests, parsed.destination, parsed.docker, absolute, unknown);
      if (config.strictness == Strictness.HIGH) {
        List<String> problems = new ArrayList<>();
        unknown.forEach(k -> problems.add("unknown key " + k.describe()));
        problems.addAll(HighStrictness.problems(config));
        if (!problems.isEmpty()) {
          throw new IllegalArgumentException("the acceptance test config " + absolute + " does not meet "
              + "test_strictness_level: high" + (tree.has("test_strictness_level") ? "" : " (the default)")
              + ":\n  - " + String.join("\n  - ", problems)
              + "\n  (test_strictness_level: low accepts it, with unknown keys ignored and suites left out)");
        }
      }
      return config;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the acceptance test config " + absolute + " does not exist", e);
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException("the acceptance test config " + absolute + " has a wrong value at "
          + e.getPathReference() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the acceptance test config " + absolute + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return file.getParent();
  }

  public record AcceptanceTests(
      Suite<SpecTest> spec,
      Suite<ConnectionTest> connection,
      Suite<DiscoveryTest> discovery,
      @JsonProperty("basic_read") Suite<BasicReadTest> basicRead,
      @JsonProperty("full_refresh") Suite<FullRefreshTest> fullRefresh,
      Suite<IncrementalTest> incremental) {}

  /** A suite's tests, or the reason it is bypassed (reported as skipped, never silently passed). */
  public record Suite<T>(List<T> tests, @JsonProperty("bypass_reason") String bypassReason) {
    public Suite {
      tests = tests == null ? List.of() : List.copyOf(tests);
    }
  }

  public record SpecTest(
      @JsonProperty("spec_path") String specPath,
      @JsonProperty("config_path") String configPath,
      @JsonProperty("backward_compatibility_tests_config") BackwardCompatibility backwardCompatibility,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {}

  /**
   * A previous version's spec and configs written for it: the current spec must still accept them.
   * (Airbyte pulls the previous image for this; here the previous spec is a file.)
   */
  public record BackwardCompatibility(
      @JsonProperty("previous_spec_path") String previousSpecPath,
      @JsonProperty("previous_config_paths") List<String> previousConfigPaths,
      @JsonProperty("bypass_reason") String bypassReason) {}

  public record ConnectionTest(
      @JsonProperty("config_path") String configPath,
      ExpectedStatus status,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {}

  public enum ExpectedStatus {
    @JsonProperty("succeed") SUCCEED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("exception") EXCEPTION
  }

  public record DiscoveryTest(
      @JsonProperty("config_path") String configPath,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {}

  public record BasicReadTest(
      @JsonProperty("config_path") String configPath,
      @JsonProperty("configured_catalog_path") String configuredCatalogPath,
      @JsonProperty("empty_streams") List<NamedBypass> emptyStreams,
      @JsonProperty("expect_records") ExpectRecords expectRecords,
      @JsonProperty("validate_schema") Boolean validateSchema,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {
    public BasicReadTest {
      emptyStreams = emptyStreams == null ? List.of() : List.copyOf(emptyStreams);
    }
  }

  /** A stream or field excused from a check, and why. */
  public record NamedBypass(String name, @JsonProperty("bypass_reason") String bypassReason) {}

  /**
   * Records the read must produce ({@code path}: JSON lines {"stream": .., "data": {..}}). By default
   * in any order, no extra fields in actual records, extra records allowed.
   */
  public record ExpectRecords(
      String path,
      @JsonProperty("exact_order") Boolean exactOrder,
      @JsonProperty("extra_fields") Boolean extraFields,
      @JsonProperty("extra_records") Boolean extraRecords,
      @JsonProperty("bypass_reason") String bypassReason) {}

  public record FullRefreshTest(
      @JsonProperty("config_path") String configPath,
      @JsonProperty("configured_catalog_path") String configuredCatalogPath,
      @JsonProperty("ignored_fields") Map<String, List<NamedBypass>> ignoredFields,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {
    public FullRefreshTest {
      ignoredFields = ignoredFields == null ? Map.of() : Map.copyOf(ignoredFields);
    }
  }

  /**
   * @param singleStateStreams streams excused from printing two states or more in the first read,
   *     with the reason (without an intermediate state, resuming is not tested for them)
   */
  public record IncrementalTest(
      @JsonProperty("config_path") String configPath,
      @JsonProperty("configured_catalog_path") String configuredCatalogPath,
      @JsonProperty("future_state") FutureState futureState,
      @JsonProperty("skip_comprehensive_incremental_tests") Boolean skipComprehensiveIncrementalTests,
      @JsonProperty("max_resumed_states") Integer maxResumedStates,
      @JsonProperty("single_state_streams") List<NamedBypass> singleStateStreams,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {
    public IncrementalTest {
      singleStateStreams = singleStateStreams == null ? List.of() : List.copyOf(singleStateStreams);
    }
  }

  public record FutureState(
      @JsonProperty("future_state_path") String futureStatePath,
      @JsonProperty("bypass_reason") String bypassReason) {}

  /** jcdk's destination suites: one entry per destination config to test. */
  public record DestinationTests(
      List<DestinationTest> tests,
      @JsonProperty("bypass_reason") String bypassReason) {
    public DestinationTests {
      tests = tests == null ? List.of() : List.copyOf(tests);
    }
  }

  /**
   * @param readBack how the harness reads back what the destination stored: a connector command
   *     taking {@code --config} and {@code --catalog} that prints the stored records as RECORD
   *     messages. Without it, checks that must look at stored data are skipped with that reason.
   * @param bypass check name (e.g. {@code append_dedup}) to the reason it does not apply
   */
  public record DestinationTest(
      @JsonProperty("config_path") String configPath,
      @JsonProperty("invalid_config_path") String invalidConfigPath,
      @JsonProperty("spec_path") String specPath,
      @JsonProperty("read_back") ReadBack readBack,
      @JsonProperty("large_batch_records") Integer largeBatchRecords,
      @JsonProperty("large_record_megabytes") Integer largeRecordMegabytes,
      Map<String, String> bypass,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {
    public DestinationTest {
      bypass = bypass == null ? Map.of() : Map.copyOf(bypass);
    }
  }

  public record ReadBack(List<String> command) {
    public ReadBack {
      command = command == null ? List.of() : List.copyOf(command);
    }
  }

  /** Extra {@code docker run} options and environment for container runs (e.g. a mounted data directory). */
  public record DockerOptions(List<String> options, Map<String, String> environment) {
    public DockerOptions {
      options = options == null ? List.of() : List.copyOf(options);
      environment = environment == null ? Map.of() : Map.copyOf(environment);
    }
  }
}
