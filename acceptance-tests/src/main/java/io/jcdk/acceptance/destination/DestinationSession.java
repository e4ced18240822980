package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.DestinationTest;
import io.jcdk.acceptance.config.Strictness;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.acceptance.source.RecordSet;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the destination checks share: the config, the spec's supported sync modes, the read-back,
 * unique stream names, and ways to write a feed and compare what was stored.
 */
final class DestinationSession {

  private final SuiteContext context;
  private final DestinationTest test;
  private final RunLog log;
  private final ReadBack readBack;
  private final Lazy<JsonNode> config;
  private final String prefix = "at_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";

  DestinationSession(SuiteContext context, DestinationTest test, RunLog log, ReadBack programmatic) {
    this.context = context;
    this.test = test;
    this.log = log;
    this.config = Lazy.of(() -> context.fixtures().json(test.configPath()));
    if (programmatic != null) {
      this.readBack = programmatic;
    } else if (test.readBack() != null && !test.readBack().command().isEmpty()) {
      this.readBack = new CommandReadBack(test.readBack().command(), log);
    } else {
      this.readBack = null;
    }
  }

  DestinationTest test() {
    return test;
  }

  RunLog log() {
    return log;
  }

  JsonNode config() {
    return config.get();
  }

  /** A stream whose name no other run uses: {@code at_<random>_<base>}. */
  TestStream stream(String base, DestinationSyncMode mode) {
    return TestStream.of(null, prefix + base, mode);
  }

  TestStream stream(String namespace, String base, DestinationSyncMode mode) {
    return TestStream.of(namespace == null ? null : prefix + namespace, prefix + base, mode);
  }

  /** Skips when the config bypasses {@code check} (by its short name, e.g. append_dedup). */
  void bypassed(String check) {
    String reason = test.bypass().get(check);
    if (reason != null) {
      throw Check.skip("bypassed: " + reason);
    }
  }

  /** Skips when the spec does not list {@code mode} in supported_destination_sync_modes. */
  void requireMode(DestinationSyncMode mode) {
    List<ConnectorSpecification> specs = context.specTranscript().specs();
    List<DestinationSyncMode> modes = specs.isEmpty() || specs.get(0).supportedDestinationSyncModes() == null
        ? List.of() : specs.get(0).supportedDestinationSyncModes();
    if (!modes.contains(mode)) {
      throw Check.skip("the spec does not list " + Json.write(mode) + " in supported_destination_sync_modes "
          + modes.stream().map(Json::write).toList());
    }
  }

  /** Skips a check that compares stored data when nothing reads it back (destination.read_back says why). */
  void requireReadBack() {
    if (readBack == null) {
      String bypass = test.bypass().get("read_back");
      throw Check.skip(bypass != null ? "read_back bypassed: " + bypass
          : "no read_back configured: the harness cannot see what the destination stored (see destination.read_back)");
    }
  }

  /**
   * destination.read_back: stored data can be read back, and a stream never written reads back empty.
   * Without a read-back every check of stored data is skipped, so at high strictness its absence
   * fails unless bypassed with a reason.
   */
  void readBackWorks() {
    if (readBack == null) {
      bypassed("read_back");
      String message = "no read_back configured, so the checks of what the destination stored are skipped. Give the "
          + "test read_back: {command: [read-back]} (a command taking --config and --catalog that prints the stored "
          + "records of the catalog's streams as RECORD messages; a jcdk destination has it by implementing "
          + "io.jcdk.destination.ReadableDestination), or pass a ReadBack to AcceptanceTestFactory.readBack(..); "
          + "or bypass it with the reason: bypass: {read_back: <why>}";
      if (context.config().strictness() == Strictness.HIGH) {
        throw Check.fail(message);
      }
      throw Check.skip(message + " (test_strictness_level: low)");
    }
    TestStream never = stream("never_written", DestinationSyncMode.APPEND);
    List<JsonNode> stored = stored(never).get(never.descriptor());
    if (!stored.isEmpty()) {
      throw Check.fail("reading back the stream '" + never.descriptor() + "', never written, gave " + stored.size()
          + " record(s), e.g. " + show(stored.get(0)) + ": the read-back must print the records stored for the "
          + "catalog's streams only");
    }
  }

  ConfiguredAirbyteCatalog catalog(TestStream... streams) {
    return ConfiguredAirbyteCatalog.of(Arrays.stream(streams).map(TestStream::configured).toList());
  }

  Invocation writeInvocation(TestStream... streams) {
    return Invocation.write(config(), Json.mapper().valueToTree(catalog(streams)))
        .withTimeout(SuiteContext.timeout(test.timeoutSeconds()));
  }

  /** Writes the feed and requires success: exit 0, no TRACE error. */
  Transcript write(WriteFeed feed, TestStream... streams) {
    Transcript t = log.run(writeInvocation(streams), config(), feed);
    if (!t.succeeded() || !t.errors().isEmpty()) {
      throw Check.fail("write must exit 0 without a TRACE error\n  " + t.diagnostics());
    }
    return t;
  }

  /** What the destination holds for these streams, through the read-back. */
  Map<StreamDescriptor, List<JsonNode>> stored(TestStream... streams) {
    requireReadBack();
    Map<StreamDescriptor, List<JsonNode>> all = readBack.read(config(), catalog(streams));
    Map<StreamDescriptor, List<JsonNode>> out = new LinkedHashMap<>();
    for (TestStream s : streams) {
      out.put(s.descriptor(), all.getOrDefault(s.descriptor(), List.of()));
    }
    return out;
  }

  /** Fails unless {@code actual} holds exactly {@code expected} (as a multiset, order ignored). */
  static void assertSame(String what, List<JsonNode> expected, List<JsonNode> actual) {
    List<JsonNode> missing = missing(expected, actual);
    List<JsonNode> unexpected = missing(actual, expected);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw Check.fail(what + ": expected " + expected.size() + " record(s), the destination holds "
          + actual.size() + (missing.isEmpty() ? "" : "\n  missing " + missing.size() + ", e.g. " + show(missing.get(0)))
          + (unexpected.isEmpty() ? "" : "\n  unexpected " + unexpected.size() + ", e.g. " + show(unexpected.get(0))));
    }
  }

  /** The records of {@code wanted} that {@code have} lacks, counting duplicates; values compared canonically. */
  static List<JsonNode> missing(List<JsonNode> wanted, List<JsonNode> have) {
    Map<JsonNode, Integer> remaining = new HashMap<>();
    have.forEach(a -> remaining.merge(RecordSet.canonical(a), 1, Integer::sum));
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode w : wanted) {
      JsonNode key = RecordSet.canonical(w);
      Integer n = remaining.get(key);
      if (n == null) {
        out.add(w);
      } else if (n == 1) {
        remaining.remove(key);
      } else {
        remaining.put(key, n - 1);
      }
    }
    return out;
  }

  static String show(JsonNode data) {
    String text = Json.write(data);
    return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " characters)";
  }
}
