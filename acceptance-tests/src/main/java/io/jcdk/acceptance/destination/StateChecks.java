package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.destination.WriteFeed.SentState;
import io.jcdk.acceptance.run.OutputLine;
import io.jcdk.acceptance.run.RunningConnector;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.acceptance.source.RecordSet;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The destination's side of checkpointing: every state echoed once, in input order, with
 * {@code destinationStats} matching the records it covers; and an echoed state means the records
 * before it are durable, which the harness proves by killing the destination right after the echo.
 */
final class StateChecks {

  private static final Duration ECHO_WAIT = Duration.ofSeconds(30);

  private final DestinationSession session;

  StateChecks(DestinationSession session) {
    this.session = session;
  }

  /** Three streams interleaved, a state after every few records. */
  void echoedInOrder() {
    session.bypassed("states_echoed_in_order");
    TestStream a = session.stream("echo_a", DestinationSyncMode.APPEND);
    TestStream b = session.stream("echo_b", DestinationSyncMode.APPEND);
    TestStream c = session.stream("echo_c", DestinationSyncMode.APPEND);
    WriteFeed feed = new WriteFeed();
    long id = 0;
    for (int round = 0; round < 8; round++) {
      for (TestStream s : List.of(a, b, c)) {
        for (int i = 0; i <= round % 3; i++) {
          id++;
          feed.record(s.descriptor(), TestStream.person(id, "person " + id, 1));
        }
        feed.state(s.descriptor());
      }
    }
    Transcript t = session.write(feed.complete(), a, b, c);
    verifyEcho(t, feed);
  }

  /** Every state sent is echoed once, in order, with destinationStats.recordCount equal to what it covered. */
  static void verifyEcho(Transcript t, WriteFeed feed) {
    List<SentState> sent = feed.states();
    List<AirbyteStateMessage> echoed = t.states();
    for (int i = 0; i < Math.max(sent.size(), echoed.size()); i++) {
      if (i >= echoed.size()) {
        throw Check.fail("only " + echoed.size() + " of " + sent.size() + " states were echoed; the first missing is "
            + describe(sent.get(i).state()) + " (every state must be echoed once its records are committed)");
      }
      if (i >= sent.size()) {
        throw Check.fail("echoed " + echoed.size() + " states for " + sent.size() + " sent; extra: "
            + describe(echoed.get(i)));
      }
      AirbyteStateMessage want = sent.get(i).state();
      AirbyteStateMessage got = echoed.get(i);
      if (!sameState(want, got)) {
        boolean later = sent.stream().anyMatch(s -> sameState(s.state(), got));
        throw Check.fail("state echo " + (i + 1) + " is " + describe(got) + " but " + describe(want) + " was due: "
            + (later ? "states were echoed out of input order" : "that state was never sent"));
      }
      Double count = got.destinationStats() == null ? null : got.destinationStats().recordCount();
      if (count == null) {
        throw Check.fail("the echoed state " + describe(got) + " has no destinationStats.recordCount");
      }
      if (count.longValue() != sent.get(i).recordCount()) {
        throw Check.fail("the echoed state " + describe(got) + " has destinationStats.recordCount " + count.longValue()
            + ", but it covered " + sent.get(i).recordCount() + " records");
      }
    }
  }

  /**
   * Sends records and a state, waits for the echo, kills the destination at once, and reads back:
   * every record before the echoed state must be there.
   */
  void echoMeansCommitted() {
    session.bypassed("state_echo_means_committed");
    session.requireReadBack();
    TestStream s = session.stream("durable", DestinationSyncMode.APPEND);
    WriteFeed feed = new WriteFeed();
    for (int i = 1; i <= 25; i++) {
      feed.record(s.descriptor(), TestStream.person(i, "durable " + i, 1));
    }
    feed.state(s.descriptor());
    for (int i = 26; i <= 50; i++) {
      feed.record(s.descriptor(), TestStream.person(i, "durable " + i, 1));
    }
    feed.state(s.descriptor()).complete();
    SentState first = feed.states().get(0);
    OutputLine echo = killAfterEcho(feed, first, first.position() + 1, s);
    List<JsonNode> stored = session.stored(s).get(s.descriptor());
    List<JsonNode> lost = DestinationSession.missing(feed.records(s.descriptor()).subList(0, 25), stored);
    if (!lost.isEmpty()) {
      throw Check.fail("the state " + describe(first.state()) + " was echoed at stdout line " + echo.number()
          + ", but after killing the destination right then only " + (25 - lost.size()) + " of the 25 records sent "
          + "before it were stored: echo a state only after every record before it is durably committed");
    }
  }

  /**
   * Writes {@code feed} up to and including {@code state}, waits for that state's echo, sends the
   * messages up to {@code killAt}, and kills the destination at once (SIGKILL), as a crash would.
   * Without an echo in time the rest of the feed is sent and the check is skipped: durability at echo
   * time cannot be observed on a destination that echoes only at the end.
   */
  OutputLine killAfterEcho(WriteFeed feed, SentState state, int killAt, TestStream... streams) {
    Optional<OutputLine> echo;
    Transcript t;
    try (RunningConnector running = session.log().start(session.writeInvocation(streams), session.config())) {
      try {
        feed.writeRange(running.stdin(), 0, state.position() + 1);
        echo = running.await(m -> m.type() == AirbyteMessage.Type.STATE && sameState(state.state(), m.state()),
            ECHO_WAIT);
        feed.writeRange(running.stdin(), state.position() + 1, echo.isPresent() ? killAt : feed.size());
      } catch (IOException e) {
        // The destination stopped reading; its transcript tells why.
        echo = Optional.empty();
      }
      if (echo.isPresent()) {
        running.kill();
      }
      t = session.log().record(running.finish());
    }
    if (echo.isEmpty()) {
      if (!t.succeeded()) {
        throw Check.fail("write failed\n  " + t.diagnostics());
      }
      throw Check.skip("the destination echoed no state within " + ECHO_WAIT.toSeconds() + " s of receiving it "
          + "(it waits for more input): durability at echo time cannot be observed");
    }
    return echo.get();
  }

  static boolean sameState(AirbyteStateMessage want, AirbyteStateMessage got) {
    if (got == null || got.effectiveType() != want.effectiveType()) {
      return false;
    }
    if (want.stream() == null || got.stream() == null) {
      return false;
    }
    JsonNode a = want.stream().streamState();
    JsonNode b = got.stream().streamState();
    return want.stream().streamDescriptor().equals(got.stream().streamDescriptor())
        && a != null && b != null && RecordSet.canonical(a).equals(RecordSet.canonical(b));
  }

  private static String describe(AirbyteStateMessage state) {
    if (state.stream() != null) {
      return Json.write(state.stream().streamState()) + " of '" + state.stream().streamDescriptor() + "'";
    }
    return DestinationSession.show(Json.mapper().valueToTree(state));
  }
}
