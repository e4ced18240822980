package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.destination.WriteFeed.SentState;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An overwrite that does not finish: input that ends without a COMPLETE status (the source failed,
 * the platform closed the destination's stdin) must leave the stream's previous data in place, and an
 * attempt killed mid-way and retried in the same generation must end with each record once.
 */
final class CutShortChecks {

  private final DestinationSession session;
  private final StateChecks states;

  CutShortChecks(DestinationSession session, StateChecks states) {
    this.session = session;
    this.states = states;
  }

  /** Three overwrite syncs whose input ends early: empty, records only, records after the last state. */
  void cutShortInput() {
    session.bypassed("cut_short_input");
    session.requireMode(DestinationSyncMode.OVERWRITE);
    session.requireReadBack();
    TestStream a = session.stream("cut_short", DestinationSyncMode.APPEND);
    StreamDescriptor d = a.descriptor();
    WriteFeed before = SyncChecks.people(a, 1, 5, 1).state(d).complete();
    session.write(before, a);
    TestStream over = a.withMode(DestinationSyncMode.OVERWRITE);
    Map<String, WriteFeed> inputs = new LinkedHashMap<>();
    inputs.put("an empty input", new WriteFeed());
    inputs.put("records, then the end of input", SyncChecks.people(over, 100, 104, 2));
    inputs.put("records after the last state", SyncChecks.people(SyncChecks.people(over, 100, 102, 2).state(d),
        over, 103, 104, 2));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, WriteFeed> input : inputs.entrySet()) {
      over = over.nextSync();
      session.log().run(session.writeInvocation(over), session.config(), input.getValue());
      List<JsonNode> stored = session.stored(over).get(d);
      if (!DestinationSession.missing(before.records(d), stored).isEmpty()
          || !DestinationSession.missing(stored, before.records(d)).isEmpty()) {
        problems.add("after an overwrite sync of " + input.getKey() + " (no COMPLETE status), '" + d + "' holds "
            + stored.size() + " record(s)" + (stored.isEmpty() ? "" : ", e.g. " + DestinationSession.show(stored.get(0)))
            + " instead of the 5 it held before");
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail(String.join("\n  ", problems) + "\n  publish an overwrite only when its stream's COMPLETE "
          + "status arrives: input that ends without one is a sync that failed, and the data it would replace must "
          + "stay");
    }
  }

  /**
   * An overwrite attempt killed after its first state's echo, with more records sent after that
   * state; then the retry the platform makes: same generation and sync, the source resuming from the
   * last echoed state. Each record must be stored once, and the previous generation's data be gone.
   */
  void overwriteRetry() {
    session.bypassed("overwrite_retry");
    session.requireMode(DestinationSyncMode.OVERWRITE);
    session.requireReadBack();
    TestStream a = session.stream("retry", DestinationSyncMode.APPEND);
    StreamDescriptor d = a.descriptor();
    WriteFeed old = SyncChecks.people(a, 900, 902, 1).state(d).complete();
    session.write(old, a);
    TestStream over = a.withMode(DestinationSyncMode.OVERWRITE).nextSync();
    WriteFeed attempt = SyncChecks.people(over, 1, 10, 2).state(d);
    SyncChecks.people(attempt, over, 11, 15, 2);
    SentState echoed = attempt.states().get(0);
    states.killAfterEcho(attempt, echoed, attempt.size(), over);
    WriteFeed retry = SyncChecks.people(over, 11, 20, 2).state(d).complete();
    session.write(retry, over);
    List<JsonNode> expected = new ArrayList<>(attempt.records(d).subList(0, 10));
    expected.addAll(retry.records(d));
    List<JsonNode> stored = session.stored(over).get(d);
    List<JsonNode> missing = DestinationSession.missing(expected, stored);
    List<JsonNode> unexpected = DestinationSession.missing(stored, expected);
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add(missing.size() + " record(s) missing, e.g. " + DestinationSession.show(missing.get(0))
          + ": keep what the killed attempt committed before its echoed state (the retry does not send it again)");
    }
    List<JsonNode> stale = unexpected.stream()
        .filter(r -> DestinationSession.missing(List.of(r), old.records(d)).isEmpty()).toList();
    if (!stale.isEmpty()) {
      problems.add(stale.size() + " record(s) of the previous generation still there, e.g. "
          + DestinationSession.show(stale.get(0)) + ": the completed overwrite must replace them");
    }
    if (unexpected.size() > stale.size()) {
      JsonNode twice = unexpected.stream().filter(r -> !stale.contains(r)).findFirst().orElseThrow();
      problems.add((unexpected.size() - stale.size()) + " record(s) stored twice, e.g. " + DestinationSession.show(twice)
          + ": drop what the killed attempt received after its last echoed state (the retry sends it again)");
    }
    throw Check.fail("an overwrite of '" + d + "' killed after the echo of its first state and retried in the same "
        + "generation (generation_id " + over.generation() + ", sync_id " + over.syncId() + ", resumed from that "
        + "state) must hold each of the 20 records once; it holds " + stored.size() + ":\n  "
        + String.join("\n  ", problems));
  }
}
