package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sync modes and the shapes of data a destination must store faithfully. */
final class SyncChecks {

  private final DestinationSession session;

  SyncChecks(DestinationSession session) {
    this.session = session;
  }

  /** Two streams, a state after every 5 records: all stored as sent. */
  void sync() {
    TestStream a = session.stream("sync_a", DestinationSyncMode.APPEND);
    TestStream b = session.stream("sync_b", DestinationSyncMode.APPEND);
    WriteFeed feed = new WriteFeed();
    for (int i = 1; i <= 20; i++) {
      TestStream s = i % 2 == 0 ? a : b;
      feed.record(s.descriptor(), TestStream.person(i, "person " + i, 1));
      if (i % 5 == 0) {
        feed.state(a.descriptor()).state(b.descriptor());
      }
    }
    session.write(feed.complete(), a, b);
    Map<StreamDescriptor, List<JsonNode>> stored = session.stored(a, b);
    for (TestStream s : List.of(a, b)) {
      DestinationSession.assertSame("stream '" + s.descriptor() + "'", feed.records(s.descriptor()),
          stored.get(s.descriptor()));
    }
  }

  /** A second sync that overwrites one stream replaces its data and leaves the other stream alone. */
  void overwrite() {
    session.bypassed("overwrite");
    session.requireMode(DestinationSyncMode.OVERWRITE);
    session.requireReadBack();
    TestStream a = session.stream("overwrite_a", DestinationSyncMode.APPEND);
    TestStream b = session.stream("overwrite_b", DestinationSyncMode.APPEND);
    WriteFeed first = people(a, 1, 5, 1).state(a.descriptor());
    people(first, b, 1, 5, 1).state(b.descriptor()).complete();
    session.write(first, a, b);
    TestStream aOverwrite = a.withMode(DestinationSyncMode.OVERWRITE).nextSync();
    WriteFeed second = people(aOverwrite, 100, 103, 2).state(a.descriptor()).complete();
    session.write(second, aOverwrite);
    Map<StreamDescriptor, List<JsonNode>> stored = session.stored(a, b);
    DestinationSession.assertSame("after an overwrite sync, stream '" + a.descriptor() + "' must hold only the "
        + "new records", second.records(a.descriptor()), stored.get(a.descriptor()));
    DestinationSession.assertSame("stream '" + b.descriptor() + "', not in the overwrite sync, must be untouched",
        first.records(b.descriptor()), stored.get(b.descriptor()));
  }

  /** Two append syncs: both syncs' records are kept. */
  void append() {
    session.bypassed("append");
    session.requireMode(DestinationSyncMode.APPEND);
    session.requireReadBack();
    TestStream a = session.stream("append", DestinationSyncMode.APPEND);
    WriteFeed first = people(a, 1, 5, 1).state(a.descriptor()).complete();
    session.write(first, a);
    WriteFeed second = people(a, 6, 10, 1).state(a.descriptor()).complete();
    session.write(second, a);
    List<JsonNode> expected = new ArrayList<>(first.records(a.descriptor()));
    expected.addAll(second.records(a.descriptor()));
    DestinationSession.assertSame("after two append syncs, stream '" + a.descriptor() + "'", expected,
        session.stored(a).get(a.descriptor()));
  }

  /**
   * Two append_dedup syncs keyed on id with cursor updated_at: one record per id, the latest
   * version winning, also for an id that appears twice within one sync.
   */
  void appendDedup() {
    session.bypassed("append_dedup");
    session.requireMode(DestinationSyncMode.APPEND_DEDUP);
    session.requireReadBack();
    TestStream a = session.stream("dedup", DestinationSyncMode.APPEND)
        .withDedup(List.of(List.of("id")), List.of("updated_at"));
    session.write(people(a, 1, 5, 1).state(a.descriptor()).complete(), a);
    WriteFeed second = people(a, 3, 7, 2);
    second.record(a.descriptor(), TestStream.person(7, "person 7 v3", 3)).state(a.descriptor()).complete();
    session.write(second, a);
    List<JsonNode> expected = new ArrayList<>();
    expected.add(TestStream.person(1, "person 1", 1));
    expected.add(TestStream.person(2, "person 2", 1));
    for (int id = 3; id <= 6; id++) {
      expected.add(TestStream.person(id, "person " + id, 2));
    }
    expected.add(TestStream.person(7, "person 7 v3", 3));
    DestinationSession.assertSame("after two append_dedup syncs keyed on id, stream '" + a.descriptor() + "' must "
        + "hold one record per id, the latest updated_at winning", expected, session.stored(a).get(a.descriptor()));
  }

  /** The same stream name in two namespaces and in none: three separate streams. */
  void namespaces() {
    session.bypassed("namespaces");
    session.requireReadBack();
    TestStream inA = session.stream("ns_a", "ns_stream", DestinationSyncMode.APPEND);
    TestStream inB = session.stream("ns_b", "ns_stream", DestinationSyncMode.APPEND);
    TestStream none = session.stream(null, "ns_stream", DestinationSyncMode.APPEND);
    WriteFeed feed = people(inA, 1, 3, 1).state(inA.descriptor());
    people(feed, inB, 10, 12, 1).state(inB.descriptor());
    people(feed, none, 20, 22, 1).state(none.descriptor()).complete();
    session.write(feed, inA, inB, none);
    Map<StreamDescriptor, List<JsonNode>> stored = session.stored(inA, inB, none);
    for (TestStream s : List.of(inA, inB, none)) {
      DestinationSession.assertSame("stream '" + s.descriptor() + "' (same name, " + (s.descriptor().namespace() == null
          ? "no namespace" : "namespace " + s.descriptor().namespace()) + ")", feed.records(s.descriptor()),
          stored.get(s.descriptor()));
    }
  }

  /** A second sync whose schema and records gain a field: stored with the new field. */
  void newFields() {
    session.bypassed("new_fields");
    session.requireReadBack();
    TestStream a = session.stream("new_fields", DestinationSyncMode.APPEND);
    WriteFeed first = people(a, 1, 3, 1).state(a.descriptor()).complete();
    session.write(first, a);
    ObjectNode schema = TestStream.PEOPLE_SCHEMA.deepCopy();
    ((ObjectNode) schema.get("properties")).putObject("email").put("type", "string");
    TestStream widened = a.withSchema(schema);
    WriteFeed second = new WriteFeed();
    for (int id = 4; id <= 6; id++) {
      ObjectNode person = TestStream.person(id, "person " + id, 2);
      person.put("email", "person" + id + "@example.com");
      second.record(a.descriptor(), person);
    }
    Transcript t = session.write(second.state(a.descriptor()).complete(), widened);
    List<JsonNode> expected = new ArrayList<>(first.records(a.descriptor()));
    expected.addAll(second.records(a.descriptor()));
    DestinationSession.assertSame("after a sync that added the field 'email', stream '" + a.descriptor() + "'",
        expected, session.stored(a).get(a.descriptor()));
    if (t.states().isEmpty()) {
      throw Check.fail("the sync with the new field echoed no state");
    }
  }

  static WriteFeed people(TestStream s, int fromId, int toId, int version) {
    return people(new WriteFeed(), s, fromId, toId, version);
  }

  static WriteFeed people(WriteFeed feed, TestStream s, int fromId, int toId, int version) {
    for (int id = fromId; id <= toId; id++) {
      feed.record(s.descriptor(), TestStream.person(id, "person " + id, version));
    }
    return feed;
  }
}
