package io.jcdk.acceptance.config;

import io.jcdk.acceptance.config.AcceptanceTestConfig.AcceptanceTests;
import io.jcdk.acceptance.config.AcceptanceTestConfig.BasicReadTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.DestinationTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.FullRefreshTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.IncrementalTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.NamedBypass;
import io.jcdk.acceptance.config.AcceptanceTestConfig.Suite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What {@code test_strictness_level: high} demands of the config itself: every suite that applies is
 * configured or bypassed with a reason, and every stream, field or check excused from a check says
 * why. (What it demands of the connector's runs is judged by the checks.)
 */
final class HighStrictness {

  private HighStrictness() {}

  /** One sentence per problem, naming the place in the file and what to write there. */
  static List<String> problems(AcceptanceTestConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.destination() != null) {
      destination(config, problems);
    } else {
      source(config.acceptanceTests(), problems);
    }
    return problems;
  }

  private static void source(AcceptanceTests t, List<String> problems) {
    Map<String, Suite<?>> suites = new LinkedHashMap<>();
    suites.put("spec", t.spec());
    suites.put("connection", t.connection());
    suites.put("discovery", t.discovery());
    suites.put("basic_read", t.basicRead());
    suites.put("full_refresh", t.fullRefresh());
    suites.put("incremental", t.incremental());
    suites.forEach((name, suite) -> suite(name, suite, problems));
    forEach(t.basicRead(), "basic_read", (test, at) -> basicRead(test, at, problems));
    forEach(t.fullRefresh(), "full_refresh", (test, at) -> fullRefresh(test, at, problems));
    forEach(t.incremental(), "incremental", (test, at) -> incremental(test, at, problems));
  }

  private static void suite(String name, Suite<?> suite, List<String> problems) {
    String at = "acceptance_tests." + name;
    if (suite == null) {
      problems.add(at + " is missing: configure its tests, or write '" + name + ": {bypass_reason: <why it does "
          + "not apply>}'");
    } else if (suite.bypassReason() != null) {
      reason(suite.bypassReason(), at + ".bypass_reason", problems);
    } else if (suite.tests().isEmpty()) {
      problems.add(at + " has no tests: add one, or a bypass_reason saying why it does not apply");
    }
  }

  private static void basicRead(BasicReadTest test, String at, List<String> problems) {
    var expect = test.expectRecords();
    fileOrReason(expect == null ? null : expect.path(), expect == null ? null : expect.bypassReason(),
        at, "expect_records", "path (the records the read must produce)", problems);
    named(test.emptyStreams(), at + ".empty_streams", problems);
  }

  private static void fullRefresh(FullRefreshTest test, String at, List<String> problems) {
    test.ignoredFields().forEach((stream, fields) -> named(fields, at + ".ignored_fields." + stream, problems));
  }

  private static void incremental(IncrementalTest test, String at, List<String> problems) {
    var future = test.futureState();
    fileOrReason(future == null ? null : future.futureStatePath(), future == null ? null : future.bypassReason(),
        at, "future_state", "future_state_path (a state from the future: the read must print no records)", problems);
    named(test.singleStateStreams(), at + ".single_state_streams", problems);
  }

  /** A check's input file, or the reason it does not apply, which must say something. */
  private static void fileOrReason(String file, String bypassReason, String at, String key, String fileKey,
      List<String> problems) {
    if (file == null && bypassReason == null) {
      problems.add(at + " has no " + key + ": give " + key + "." + fileKey + " or " + key + ".bypass_reason");
    } else if (bypassReason != null) {
      reason(bypassReason, at + "." + key + ".bypass_reason", problems);
    }
  }

  private static void destination(AcceptanceTestConfig config, List<String> problems) {
    var d = config.destination();
    if (d.bypassReason() != null) {
      reason(d.bypassReason(), "destination.bypass_reason", problems);
      return;
    }
    if (d.tests().isEmpty()) {
      problems.add("destination has no tests: add one, or a bypass_reason");
    }
    for (int i = 0; i < d.tests().size(); i++) {
      DestinationTest test = d.tests().get(i);
      String at = "destination.tests[" + i + "].bypass";
      test.bypass().forEach((check, why) -> reason(why, at + "." + check, problems));
    }
  }

  private static void named(List<NamedBypass> entries, String at, List<String> problems) {
    for (int i = 0; i < entries.size(); i++) {
      NamedBypass b = entries.get(i);
      if (b.bypassReason() == null || b.bypassReason().isBlank()) {
        problems.add(at + "[" + i + "]" + (b.name() == null ? "" : " ('" + b.name() + "')")
            + " has no bypass_reason: say why it is excused");
      }
    }
  }

  private static void reason(String reason, String at, List<String> problems) {
    if (reason == null || reason.isBlank()) {
      problems.add(at + " is empty: say why");
    }
  }

  private static <T> void forEach(Suite<T> suite, String name, BiConsumer<T, String> visitor) {
    if (suite == null || suite.bypassReason() != null) {
      return;
    }
    for (int i = 0; i < suite.tests().size(); i++) {
      visitor.accept(suite.tests().get(i), "acceptance_tests." + name + ".tests[" + i + "]");
    }
  }
}
