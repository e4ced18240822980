package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.IncrementalTest;
import io.jcdk.acceptance.config.Strictness;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.OutputLine;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStateMessage.StateType;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Incremental reads: each stream gives intermediate states to resume from; a read resumed from any
 * intermediate state loses no record; a second read from the first read's final state re-reads
 * nothing below the cursor; a state from the future gives no records and still a state.
 *
 * <p>Every read runs with {@value CheckpointPolicy#RECORDS_VARIABLE}={@value #CHECKPOINT_RECORDS}
 * (unless the runner sets it), so a jcdk source checkpoints every few records and a small test
 * table gives intermediate states; a stream that still prints fewer than two is a failure at high
 * strictness, since resuming it was never tested.
 *
 * <p>Reads pass states in the order a platform would, oldest first: a CDC source acknowledges the
 * position of the state it is given to its replication slot, after which an older position is gone.
 * So the resumed reads come before the read from the final state, in ascending order.
 */
public final class IncrementalSuite {

  private static final int DEFAULT_RESUMED_STATES = 5;

  /** The checkpoint interval the harness asks a jcdk source for: two records, so three rows give a state to resume from. */
  static final String CHECKPOINT_RECORDS = "2";

  private final SuiteContext context;
  private final IncrementalTest test;
  private final RunLog log;
  private final Lazy<JsonNode> config;
  private final Lazy<ConfiguredAirbyteCatalog> catalog;
  private final Lazy<Transcript> first;

  private IncrementalSuite(SuiteContext context, IncrementalTest test) {
    this.context = context;
    this.test = test;
    this.log = context.newLog("incremental");
    this.config = Lazy.of(() -> context.fixtures().json(test.configPath()));
    this.catalog = Lazy.of(() -> {
      ConfiguredAirbyteCatalog c = test.configuredCatalogPath() != null
          ? Catalogs.parse(context.fixtures().json(test.configuredCatalogPath()), test.configuredCatalogPath())
          : Catalogs.incremental(Catalogs.discovered(log.run(Invocation.discover(config.get()), config.get())));
      if (c.streams().stream().noneMatch(s -> s.syncMode() == SyncMode.INCREMENTAL)) {
        throw Check.skip("no stream is configured (or discovered) as incremental");
      }
      return c;
    });
    this.first = Lazy.of(() -> read(null));
  }

  public static CheckGroup group(SuiteContext context, IncrementalTest test, String name) {
    if (test.configPath() == null) {
      throw new IllegalArgumentException(name + " needs a config_path");
    }
    IncrementalSuite s = new IncrementalSuite(context, test);
    return new CheckGroup("incremental", name, List.of(
        Check.of("incremental.first_read", "the first incremental read exits 0 with a state per stream",
            s::firstRead),
        Check.of("incremental.intermediate_states", "every incremental stream prints two states or more to "
            + "resume from", s::intermediateStates),
        Check.of("incremental.resume_from_each_state", "a read resumed from any intermediate state loses no record",
            s::resumeFromEachState),
        Check.of("incremental.no_reread_after_state", "a second read from the first read's state re-reads "
            + "nothing below the cursor", s::noRereadAfterState),
        Check.of("incremental.future_state", "a state from the future gives no records and still a state",
            s::futureState),
        s.log.conformanceCheck()));
  }

  private Transcript read(JsonNode state) {
    return log.run(Invocation.read(config.get(), Catalogs.toJson(catalog.get()), state)
        .withTimeout(SuiteContext.timeout(test.timeoutSeconds()))
        .withEnvironment(Map.of(CheckpointPolicy.RECORDS_VARIABLE, CHECKPOINT_RECORDS)), config.get());
  }

  private void firstRead() {
    ReadChecks.succeeded(first.get());
    ReadChecks.statePerStream(first.get(), catalog.get());
  }

  /** The first read as a base for the comparisons: it must have worked and read something. */
  private Transcript usableFirst() {
    Transcript t = first.get();
    if (!t.succeeded() || t.states().isEmpty()) {
      throw Check.skip("the first read failed or printed no state (see incremental.first_read)");
    }
    if (t.records().isEmpty()) {
      throw Check.skip("the first read printed no records: give the test data at least a few rows");
    }
    return t;
  }

  private void noRereadAfterState() {
    Transcript firstRead = usableFirst();
    List<OutputLine> states = stateLines(firstRead);
    Transcript second = read(stateAt(states, states.size() - 1));
    ReadChecks.succeeded(second);
    List<String> problems = new ArrayList<>();
    for (ConfiguredAirbyteStream stream : catalog.get().streams()) {
      if (stream.syncMode() != SyncMode.INCREMENTAL) {
        continue;
      }
      List<String> cursor = stream.effectiveCursorField();
      List<AirbyteRecordMessage> before = recordsOf(firstRead, stream.descriptor());
      JsonNode high = null;
      for (AirbyteRecordMessage r : before) {
        high = CursorValues.max(high, cursor.isEmpty() ? null : CursorValues.at(r.data().tree(), cursor));
      }
      RecordSet earlier = RecordSet.of(before);
      int reread = 0;
      String example = null;
      for (AirbyteRecordMessage r : recordsOf(second, stream.descriptor())) {
        JsonNode value = cursor.isEmpty() ? null : CursorValues.at(r.data().tree(), cursor);
        boolean old = value != null && high != null
            ? CursorValues.compare(value, high) < 0
            : RecordSet.of(List.of(r)).minus(earlier).isEmpty();
        if (old) {
          reread++;
          example = example == null ? RecordSet.abbreviate(r.data().tree()) : example;
        }
      }
      if (reread > 0) {
        problems.add("stream '" + stream.descriptor() + "': the second read re-read " + reread + " record(s) "
            + (high != null ? "with " + cursor + " below " + high + ", the first read's highest value"
                : "that the first read already emitted") + ", e.g. " + example);
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail("reading again from the first read's final state re-read old data:\n  "
          + String.join("\n  ", problems));
    }
  }

  /**
   * A stream with one state per read has no intermediate state, so {@link #resumeFromEachState} never
   * resumes it mid-stream: a source that skips rows on resume would pass. At high strictness that is
   * a failure unless the stream is excused in single_state_streams.
   */
  private void intermediateStates() {
    if (Boolean.TRUE.equals(test.skipComprehensiveIncrementalTests())) {
      throw Check.skip("skip_comprehensive_incremental_tests: true in the config");
    }
    Transcript firstRead = usableFirst();
    Set<String> excused = new HashSet<>();
    test.singleStateStreams().forEach(b -> excused.add(b.name()));
    List<String> few = new ArrayList<>();
    String example = null;
    for (ConfiguredAirbyteStream stream : catalog.get().streams()) {
      if (stream.syncMode() != SyncMode.INCREMENTAL || excused.contains(stream.stream().name())) {
        continue;
      }
      long states = firstRead.states().stream().filter(st -> ReadChecks.covered(st).contains(stream.descriptor())).count();
      if (states < 2) {
        few.add("'" + stream.descriptor() + "' (" + states + (states == 1 ? " state)" : " states)"));
        example = example == null ? stream.stream().name() : example;
      }
    }
    if (few.isEmpty()) {
      return;
    }
    String message = "stream(s) " + String.join(", ", few) + " printed fewer than two states in the first read, so "
        + "no read resumed from an intermediate state of theirs: a source that loses rows on resume would pass. "
        + "The reads ran with " + CheckpointPolicy.RECORDS_VARIABLE + "=" + CHECKPOINT_RECORDS + " (unless the runner "
        + "sets it), which makes a jcdk source checkpoint every " + CHECKPOINT_RECORDS + " records where its read asks "
        + "emitter.checkpointDue(). To get more states, give the test data more rows, or have the source emit a state "
        + "more often; or excuse the stream, with the reason, under this incremental test: "
        + "single_state_streams: [{name: " + example + ", bypass_reason: <why>}]";
    if (context.config().strictness() == Strictness.HIGH) {
      throw Check.fail(message);
    }
    throw Check.skip(message + " (test_strictness_level: low)");
  }

  private void resumeFromEachState() {
    if (Boolean.TRUE.equals(test.skipComprehensiveIncrementalTests())) {
      throw Check.skip("skip_comprehensive_incremental_tests: true in the config");
    }
    Transcript firstRead = usableFirst();
    List<OutputLine> states = stateLines(firstRead);
    Function<AirbyteRecordMessage, JsonNode> identity = identity(catalog.get());
    RecordSet all = RecordSet.of(firstRead.records(), identity);
    int limit = test.maxResumedStates() == null ? DEFAULT_RESUMED_STATES : test.maxResumedStates();
    List<String> problems = new ArrayList<>();
    for (int k : sample(states.size(), limit)) {
      long stateLine = states.get(k).number();
      List<AirbyteRecordMessage> before = firstRead.lines().stream()
          .filter(l -> l.number() < stateLine && l.message().type() == AirbyteMessage.Type.RECORD)
          .map(l -> l.message().record()).toList();
      Transcript resumed = read(stateAt(states, k));
      if (!resumed.succeeded()) {
        throw Check.fail("resuming from the state at stdout line " + stateLine + " failed\n  " + resumed.diagnostics());
      }
      RecordSet lost = all.minus(RecordSet.of(before, identity).plus(RecordSet.of(resumed.records(), identity)));
      if (!lost.isEmpty()) {
        problems.add("resuming from the state at stdout line " + stateLine + " (" + k + " of " + states.size()
            + ": " + RecordSet.abbreviate(Json.mapper().valueToTree(states.get(k).message().state())) + ") lost "
            + lost.size() + " record(s): " + lost.describe(2));
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail("a state claimed records that were not emitted before it:\n  " + String.join("\n  ", problems));
    }
  }

  private void futureState() {
    if (test.futureState() != null && test.futureState().bypassReason() != null) {
      throw Check.skip("bypassed: " + test.futureState().bypassReason());
    }
    if (test.futureState() == null || test.futureState().futureStatePath() == null) {
      throw Check.skip("no future_state.future_state_path in the config");
    }
    JsonNode state = context.fixtures().json(test.futureState().futureStatePath());
    Set<StreamDescriptor> inState = new HashSet<>();
    if (state.isArray()) {
      for (JsonNode s : state) {
        inState.addAll(ReadChecks.covered(Json.convert(s, AirbyteStateMessage.class)));
      }
    }
    Transcript t = read(state);
    ReadChecks.succeeded(t);
    List<AirbyteRecordMessage> unexpected = t.records().stream()
        .filter(r -> inState.isEmpty() || inState.contains(r.descriptor())).toList();
    if (!unexpected.isEmpty()) {
      throw Check.fail("reading from the future state in " + test.futureState().futureStatePath() + " printed "
          + unexpected.size() + " record(s), e.g. " + RecordSet.abbreviate(unexpected.get(0).data().tree())
          + " in '" + unexpected.get(0).descriptor() + "'");
    }
    ReadChecks.statePerStream(t, catalog.get());
  }

  /**
   * A record's identity across reads: its primary key where the stream has one (CDC metadata such as
   * {@code _ab_cdc_updated_at} differs between reads of the same row), else its whole data.
   */
  private static Function<AirbyteRecordMessage, JsonNode> identity(ConfiguredAirbyteCatalog catalog) {
    Map<StreamDescriptor, List<List<String>>> keys = new LinkedHashMap<>();
    catalog.streams().forEach(s -> keys.put(s.descriptor(), s.effectivePrimaryKey()));
    return r -> {
      List<List<String>> key = keys.getOrDefault(r.descriptor(), List.of());
      if (key.isEmpty()) {
        return RecordSet.canonical(r.data().tree());
      }
      ArrayNode id = Json.mapper().createArrayNode();
      for (List<String> part : key) {
        JsonNode value = CursorValues.at(r.data().tree(), part);
        id.add(value == null ? null : RecordSet.canonical(value));
      }
      return id;
    };
  }

  private static List<OutputLine> stateLines(Transcript t) {
    return t.lines().stream()
        .filter(l -> l.message().type() == AirbyteMessage.Type.STATE && l.message().state() != null).toList();
  }

  /**
   * The state a platform would pass after the k-th state message: the latest STREAM state of each
   * stream so far, or the latest GLOBAL state.
   */
  static ArrayNode stateAt(List<OutputLine> states, int k) {
    Map<StreamDescriptor, AirbyteStateMessage> perStream = new LinkedHashMap<>();
    AirbyteStateMessage global = null;
    for (int i = 0; i <= k; i++) {
      AirbyteStateMessage s = states.get(i).message().state();
      if (s.effectiveType() == StateType.GLOBAL) {
        global = s;
      } else if (s.effectiveType() == StateType.STREAM && s.stream() != null) {
        perStream.put(s.stream().streamDescriptor(), s);
      }
    }
    ArrayNode out = Json.mapper().createArrayNode();
    if (global != null) {
      out.add(Json.mapper().<JsonNode>valueToTree(global));
    }
    perStream.values().forEach(s -> out.add(Json.mapper().<JsonNode>valueToTree(s)));
    return out;
  }

  /** Up to {@code limit} indexes spread evenly over {@code size}, always including the first. */
  static List<Integer> sample(int size, int limit) {
    List<Integer> out = new ArrayList<>();
    if (limit <= 1) {
      return size == 0 ? out : List.of(0);
    }
    if (size <= limit) {
      for (int i = 0; i < size; i++) {
        out.add(i);
      }
      return out;
    }
    for (int i = 0; i < limit; i++) {
      int index = (int) ((long) i * (size - 1) / (limit - 1));
      if (out.isEmpty() || out.get(out.size() - 1) != index) {
        out.add(index);
      }
    }
    return out;
  }

  private static List<AirbyteRecordMessage> recordsOf(Transcript t, StreamDescriptor d) {
    return t.records().stream().filter(r -> r.descriptor().equals(d)).toList();
  }
}
