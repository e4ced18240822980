package io.jcdk.acceptance;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig;
import io.jcdk.acceptance.config.AcceptanceTestConfig.AcceptanceTests;
import io.jcdk.acceptance.config.AcceptanceTestConfig.Suite;
import io.jcdk.acceptance.connector.ConnectionSuite;
import io.jcdk.acceptance.connector.ImageSuite;
import io.jcdk.acceptance.connector.SpecSuite;
import io.jcdk.acceptance.destination.DestinationSuite;
import io.jcdk.acceptance.destination.ReadBack;
import io.jcdk.acceptance.run.ConnectorRunner;
import io.jcdk.acceptance.run.DockerRunner;
import io.jcdk.acceptance.source.BasicReadSuite;
import io.jcdk.acceptance.source.DiscoverySuite;
import io.jcdk.acceptance.source.FullRefreshSuite;
import io.jcdk.acceptance.source.IncrementalSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns an acceptance test config into the check groups to run against one runner: one group per
 * configured test, in the order spec, connection, discovery, basic_read, full_refresh, incremental,
 * destination. A bypassed suite becomes one skipped check that shows the reason.
 */
public final class AcceptanceSuites {

  /** Suite names, for filtering ({@code --only}). */
  public static final List<String> SUITES = List.of(
      "image", "spec", "connection", "discovery", "basic_read", "full_refresh", "incremental", "destination");

  private AcceptanceSuites() {}

  /**
   * What a run of the suites takes besides the config and the runner.
   *
   * @param variables values for {@code ${NAME}} placeholders in the config's files
   * @param only suite names to keep; empty for all
   * @param readBack a destination read-back in code, or null to use the config's read_back command
   * @param imageVersion the version the image's io.airbyte.version label must carry, or null when unknown
   */
  public record Options(Map<String, String> variables, Set<String> only, ReadBack readBack, String imageVersion) {
    public Options {
      variables = Map.copyOf(variables);
      only = Set.copyOf(only);
    }

    public static Options of(Map<String, String> variables, Set<String> only) {
      return new Options(variables, only, null, null);
    }
  }

  public static List<CheckGroup> build(AcceptanceTestConfig config, ConnectorRunner runner, Options options) {
    SuiteContext context = new SuiteContext(runner, config, options.variables());
    AcceptanceTests t = config.acceptanceTests();
    Set<String> only = options.only();
    ReadBack readBack = options.readBack();
    List<CheckGroup> groups = new ArrayList<>();
    if (runner instanceof DockerRunner docker && wanted(only, "image")) {
      groups.add(ImageSuite.group(docker, options.imageVersion()));
    }
    add(groups, only, "spec", t.spec(), (test, name) -> SpecSuite.group(context, test, name));
    add(groups, only, "connection", t.connection(), (test, name) -> ConnectionSuite.group(context, test, name));
    add(groups, only, "discovery", t.discovery(), (test, name) -> DiscoverySuite.group(context, test, name));
    add(groups, only, "basic_read", t.basicRead(), (test, name) -> BasicReadSuite.group(context, test, name));
    add(groups, only, "full_refresh", t.fullRefresh(), (test, name) -> FullRefreshSuite.group(context, test, name));
    add(groups, only, "incremental", t.incremental(), (test, name) -> IncrementalSuite.group(context, test, name));
    var destination = config.destination();
    if (destination != null && wanted(only, "destination")) {
      if (destination.bypassReason() != null) {
        groups.add(bypassed("destination", destination.bypassReason()));
      } else {
        for (int i = 0; i < destination.tests().size(); i++) {
          String name = "destination" + (destination.tests().size() > 1 ? " #" + (i + 1) : "");
          groups.addAll(DestinationSuite.groups(context, destination.tests().get(i), name, readBack));
        }
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(config.file() + " configures no test"
          + (only.isEmpty() ? "" : " among " + only) + "; see acceptance_tests and destination");
    }
    return groups;
  }

  private static <T> void add(List<CheckGroup> groups, Set<String> only, String suite, Suite<T> config,
      BiFunction<T, String, CheckGroup> build) {
    if (config == null || !wanted(only, suite)) {
      return;
    }
    if (config.bypassReason() != null) {
      groups.add(bypassed(suite, config.bypassReason()));
      return;
    }
    for (int i = 0; i < config.tests().size(); i++) {
      String name = suite + (config.tests().size() > 1 ? " #" + (i + 1) : "");
      groups.add(build.apply(config.tests().get(i), name));
    }
  }

  private static boolean wanted(Set<String> only, String suite) {
    return only.isEmpty() || only.contains(suite);
  }

  private static CheckGroup bypassed(String suite, String reason) {
    return new CheckGroup(suite, suite, List.of(Check.of(suite + ".bypassed", suite + " suite", () -> {
      throw Check.skip("bypassed: " + reason);
    })));
  }
}
