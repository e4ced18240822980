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

  /** A stream holding the records of a first, complete sync: what an overwrite replaces. */
  private record Holding(TestStream stream, WriteFeed sync) {
    StreamDescriptor descriptor() {
      return stream.descriptor();
    }

    List<JsonNode> records() {
      return sync.records(stream.descriptor());
    }
  }

  /** Skips unless {@code check} applies (overwrite, a read-back); then gives a stream holding ids from..to. */
  private Holding holding(String check, String base, int fromId, int toId) {
    session.bypassed(check);
    session.requireMode(DestinationSyncMode.OVERWRITE);
    session.requireReadBack();
    TestStream a = session.stream(base, DestinationSyncMode.APPEND);
    WriteFeed sync = SyncChecks.people(a, fromId, toId, 1).state(a.descriptor()).complete();
    session.write(sync, a);
    return new Holding(a, sync);
  }

  /** Three overwrite syncs whose input ends early: empty, records only, records after the last state. */
  void cutShortInput() {
    Holding before = holding("cut_short_input", "cut_short", 1, 5);
    StreamDescriptor d = before.descriptor();
    TestStream over = before.stream().withMode(DestinationSyncMode.OVERWRITE);
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
      if (!DestinationSession.missing(before.records(), stored).isEmpty()
          || !DestinationSession.missing(stored, before.records()).isEmpty()) {
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
    Holding old = holding("overwrite_retry", "retry", 900, 902);
    StreamDescriptor d = old.descriptor();
    TestStream over = old.stream().withMode(DestinationSyncMode.OVERWRITE).nextSync();
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
        .filter(r -> DestinationSession.missing(List.of(r), old.records()).isEmpty()).toList();
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
