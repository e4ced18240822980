package io.jcdk.acceptance.harness;

import io.jcdk.acceptance.AcceptanceSuites;
import io.jcdk.acceptance.AcceptanceSuites.Options;
import io.jcdk.acceptance.config.AcceptanceTestConfig;
import io.jcdk.acceptance.report.CheckExecutor;
import io.jcdk.acceptance.report.CheckResult;
import io.jcdk.acceptance.report.CheckResult.Status;
import io.jcdk.acceptance.run.ConnectorRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Runs the suites of a fixture config against a runner and answers questions about the results. */
record Suites(List<CheckResult> results) {

  /** JVM options for the fixture connectors: they run for a second, so start fast rather than peak fast. */
  static final String[] FAST_START = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"};

  static final Path SOURCE_CONFIG = Path.of("src/test/resources/fixtures/source/acceptance-test-config.yml");
  static final Path DESTINATION_CONFIG = Path.of("src/test/resources/fixtures/destination/acceptance-test-config.yml");

  static Suites run(Path config, ConnectorRunner runner, Map<String, String> variables, String... only) {
    return run(config, cfg -> runner, variables, only);
  }

  /** With a runner made from the loaded config (a docker runner takes the config's docker options). */
  static Suites run(Path config, Function<AcceptanceTestConfig, ConnectorRunner> runnerFor,
      Map<String, String> variables, String... only) {
    AcceptanceTestConfig cfg = AcceptanceTestConfig.load(config, variables);
    ConnectorRunner runner = runnerFor.apply(cfg);
    List<CheckResult> results = CheckExecutor.run(runner.kind(),
        AcceptanceSuites.build(cfg, runner, Options.of(variables, Set.of(only))), r -> {
          if (r.status() != Status.PASSED) {
            System.err.println(r.status() + " " + r.group() + " / " + r.id() + ": " + r.message());
          }
        });
    return new Suites(results);
  }

  List<String> idsWith(Status status) {
    return results.stream().filter(r -> r.status() == status).map(CheckResult::id).distinct().toList();
  }

  List<String> failed() {
    return results.stream().filter(r -> r.status() == Status.FAILED || r.status() == Status.ERROR)
        .map(CheckResult::id).distinct().toList();
  }

  String message(String id) {
    Optional<CheckResult> r = results.stream().filter(x -> x.id().equals(id) && x.message() != null).findFirst();
    return r.map(CheckResult::message).orElse("");
  }
}
