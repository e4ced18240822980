package io.jcdk.acceptance.source;

import com.networknt.schema.JsonSchema;
import io.jcdk.acceptance.check.Check;
import io.jcdk.testing.JsonSchemas;
import io.jcdk.acceptance.run.OutputLine;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStateMessage.StateType;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatus;
import io.jcdk.protocol.AirbyteTraceMessage.StreamStatusType;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks on the output of one {@code read}, shared by the read suites: each throws a {@link
 * io.jcdk.acceptance.check.CheckFailure} naming the stream, the stdout line and the record.
 */
final class ReadChecks {

  private static final int SHOWN = 5;

  private ReadChecks() {}

  static void succeeded(Transcript t) {
    if (!t.succeeded() || !t.errors().isEmpty()) {
      throw Check.fail("read must exit 0 without a TRACE error\n  " + t.diagnostics());
    }
  }

  static void recordsMatchSchema(Transcript t, ConfiguredAirbyteCatalog catalog) {
    Map<StreamDescriptor, JsonSchema> schemas = new HashMap<>();
    for (ConfiguredAirbyteStream s : catalog.streams()) {
      if (s.stream().jsonSchema() != null) {
        schemas.put(s.descriptor(), JsonSchemas.compile(s.stream().jsonSchema()));
      }
    }
    List<String> shown = new ArrayList<>();
    int bad = 0;
    int total = 0;
    for (OutputLine line : t.lines()) {
      AirbyteRecordMessage r = line.message().record();
      if (line.message().type() != AirbyteMessage.Type.RECORD || r == null) {
        continue;
      }
      total++;
      JsonSchema schema = schemas.get(r.descriptor());
      if (schema == null) {
        continue;
      }
      List<String> problems = JsonSchemas.problems(schema, r.data().tree());
      if (!problems.isEmpty() && bad++ < SHOWN) {
        shown.add("stream '" + r.descriptor() + "', stdout line " + line.number() + ": "
            + String.join("; ", problems) + " in " + RecordSet.abbreviate(r.data().tree()));
      }
    }
    if (bad > 0) {
      throw Check.fail(bad + " of " + total + " records violate their stream's json_schema:\n  "
          + String.join("\n  ", shown) + (bad > SHOWN ? "\n  … and " + (bad - SHOWN) + " more" : ""));
    }
  }

  static void recordsInCatalog(Transcript t, ConfiguredAirbyteCatalog catalog) {
    Set<StreamDescriptor> configured = new HashSet<>();
    catalog.streams().forEach(s -> configured.add(s.descriptor()));
    for (OutputLine line : t.lines()) {
      AirbyteRecordMessage r = line.message().record();
      if (r != null && !configured.contains(r.descriptor())) {
        throw Check.fail("stdout line " + line.number() + " is a record of stream '" + r.descriptor()
            + "', which is not in the configured catalog (configured: " + configured + ")");
      }
    }
  }

  /** Every configured stream goes STARTED, then RUNNING any number of times, then COMPLETE; records in between. */
  static void streamStatus(Transcript t, ConfiguredAirbyteCatalog catalog) {
    Map<StreamDescriptor, List<StreamStatusType>> seen = new LinkedHashMap<>();
    Map<StreamDescriptor, Long> startedAt = new HashMap<>();
    Map<StreamDescriptor, Long> completedAt = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (OutputLine line : t.lines()) {
      AirbyteMessage m = line.message();
      if (m.type() == AirbyteMessage.Type.TRACE && m.trace().streamStatus() != null) {
        StreamStatus status = m.trace().streamStatus();
        StreamDescriptor d = status.streamDescriptor();
        seen.computeIfAbsent(d, k -> new ArrayList<>()).add(status.status());
        if (status.status() == StreamStatusType.STARTED) {
          startedAt.putIfAbsent(d, line.number());
        } else if (status.status() == StreamStatusType.COMPLETE) {
          completedAt.put(d, line.number());
        }
      } else if (m.type() == AirbyteMessage.Type.RECORD) {
        StreamDescriptor d = m.record().descriptor();
        Long start = startedAt.get(d);
        if (start == null || completedAt.containsKey(d)) {
          problems.add("stdout line " + line.number() + ": a record of '" + d + "' "
              + (start == null ? "before the stream's STARTED status" : "after its COMPLETE status"));
        }
      }
    }
    for (ConfiguredAirbyteStream s : catalog.streams()) {
      List<StreamStatusType> statuses = seen.getOrDefault(s.descriptor(), List.of());
      boolean ok = statuses.size() >= 2
          && statuses.get(0) == StreamStatusType.STARTED
          && statuses.get(statuses.size() - 1) == StreamStatusType.COMPLETE
          && statuses.subList(1, statuses.size() - 1).stream().allMatch(x -> x == StreamStatusType.RUNNING);
      if (!ok) {
        problems.add("stream '" + s.descriptor() + "' went " + (statuses.isEmpty() ? "without any status" : statuses)
            + "; expected STARTED, RUNNING…, COMPLETE");
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail(String.join("\n  ", problems.subList(0, Math.min(problems.size(), 10))));
    }
  }

  /** The streams a state covers: its stream, or every stream of a GLOBAL state. */
  static Set<StreamDescriptor> covered(AirbyteStateMessage state) {
    Set<StreamDescriptor> out = new HashSet<>();
    if (state.stream() != null && state.stream().streamDescriptor() != null) {
      out.add(state.stream().streamDescriptor());
    }
    if (state.global() != null) {
      state.global().streamStates().forEach(s -> out.add(s.streamDescriptor()));
    }
    return out;
  }

  static void statePerStream(Transcript t, ConfiguredAirbyteCatalog catalog) {
    Set<StreamDescriptor> covered = new HashSet<>();
    t.states().forEach(s -> covered.addAll(covered(s)));
    List<String> missing = catalog.streams().stream().map(ConfiguredAirbyteStream::descriptor)
        .filter(d -> !covered.contains(d)).map(d -> "'" + d + "'").toList();
    if (!missing.isEmpty()) {
      throw Check.fail("no STATE message covers stream(s) " + String.join(", ", missing) + " (" + t.states().size()
          + " states printed): the platform cannot checkpoint them");
    }
  }

  static void noLegacyState(Transcript t) {
    for (OutputLine line : t.lines()) {
      AirbyteStateMessage s = line.message().state();
      if (line.message().type() == AirbyteMessage.Type.STATE && s != null && s.effectiveType() == StateType.LEGACY) {
        throw Check.fail("stdout line " + line.number() + " is a LEGACY state (no \"type\", only \"data\"): "
            + "emit STREAM or GLOBAL states");
      }
    }
  }

  /**
   * Every state carries sourceStats.recordCount equal to the records since the previous state: of
   * its stream for a STREAM state, of all streams for a GLOBAL state.
   */
  static void sourceStats(Transcript t) {
    Map<StreamDescriptor, Long> sinceStreamState = new HashMap<>();
    long sinceGlobalState = 0;
    List<String> problems = new ArrayList<>();
    for (OutputLine line : t.lines()) {
      AirbyteMessage m = line.message();
      if (m.type() == AirbyteMessage.Type.RECORD) {
        sinceStreamState.merge(m.record().descriptor(), 1L, Long::sum);
        sinceGlobalState++;
      } else if (m.type() == AirbyteMessage.Type.STATE && m.state() != null) {
        AirbyteStateMessage s = m.state();
        long expected;
        if (s.effectiveType() == StateType.GLOBAL) {
          expected = sinceGlobalState;
          sinceGlobalState = 0;
          sinceStreamState.clear();
        } else if (s.effectiveType() == StateType.STREAM && s.stream() != null) {
          Long n = sinceStreamState.remove(s.stream().streamDescriptor());
          expected = n == null ? 0 : n;
        } else {
          continue;
        }
        if (s.sourceStats() == null || s.sourceStats().recordCount() == null) {
          problems.add("stdout line " + line.number() + ": the state has no sourceStats.recordCount");
        } else if (s.sourceStats().recordCount().longValue() != expected) {
          problems.add("stdout line " + line.number() + ": sourceStats.recordCount is "
              + s.sourceStats().recordCount().longValue() + " but " + expected + " records preceded it");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail(String.join("\n  ", problems.subList(0, Math.min(problems.size(), SHOWN))));
    }
  }
}
