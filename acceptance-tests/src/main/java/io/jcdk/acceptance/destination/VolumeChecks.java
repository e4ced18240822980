package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import java.util.List;

/** Many records, very large records, and text that breaks naive encoders. */
final class VolumeChecks {

  static final int DEFAULT_BATCH = 50_000;
  static final int DEFAULT_RECORD_MEGABYTES = 10;

  private final DestinationSession session;

  VolumeChecks(DestinationSession session) {
    this.session = session;
  }

  void largeBatch() {
    session.bypassed("large_batch");
    int n = session.test().largeBatchRecords() == null ? DEFAULT_BATCH : session.test().largeBatchRecords();
    TestStream s = session.stream("large_batch", DestinationSyncMode.APPEND);
    WriteFeed feed = new WriteFeed();
    for (int id = 1; id <= n; id++) {
      feed.record(s.descriptor(), TestStream.person(id, "person " + id, 1));
      if (id % Math.max(1, n / 10) == 0) {
        feed.state(s.descriptor());
      }
    }
    feed.state(s.descriptor()).complete();
    Transcript t = session.write(feed, s);
    StateChecks.verifyEcho(t, feed);
    session.requireReadBack();
    DestinationSession.assertSame("after writing " + n + " records in one sync, stream '" + s.descriptor() + "'",
        feed.records(s.descriptor()), session.stored(s).get(s.descriptor()));
  }

  /** Records of {@code large_record_megabytes} MB each (10 by default): stored intact. */
  void largeRecords() {
    session.bypassed("large_records");
    int megabytes = session.test().largeRecordMegabytes() == null
        ? DEFAULT_RECORD_MEGABYTES : session.test().largeRecordMegabytes();
    TestStream s = session.stream("large_records", DestinationSyncMode.APPEND);
    WriteFeed feed = new WriteFeed();
    for (int id = 1; id <= 3; id++) {
      ObjectNode person = TestStream.person(id, "person " + id, 1);
      person.put("name", String.valueOf((char) ('a' + id)).repeat(megabytes * 1024 * 1024));
      feed.record(s.descriptor(), person).state(s.descriptor());
    }
    Transcript t = session.write(feed.complete(), s);
    StateChecks.verifyEcho(t, feed);
    session.requireReadBack();
    List<JsonNode> stored = session.stored(s).get(s.descriptor());
    List<JsonNode> missing = DestinationSession.missing(feed.records(s.descriptor()), stored);
    if (!missing.isEmpty() || stored.size() != 3) {
      throw Check.fail("3 records of " + megabytes + " MB were written; the destination holds " + stored.size()
          + " record(s) of sizes " + stored.stream().map(d -> Json.write(d).length()).toList()
          + " characters, " + missing.size() + " of the written ones are not among them unchanged");
    }
  }

  /** Line breaks, quotes, backslashes, emoji, CJK, right-to-left, combining marks, U+2028, control characters. */
  void specialCharacters() {
    session.bypassed("special_characters");
    session.requireReadBack();
    TestStream s = session.stream("special_chars", DestinationSyncMode.APPEND);
    List<String> texts = List.of(
        "line\nbreak", "crlf\r\nand\ttab", "quote \" and backslash \\ and slash /",
        "emoji 😀🎉 and a surrogate pair 𝄞", "CJK 漢字 かな 한글", "RTL שלום مرحبا",
        "combining e\u0301 vs é", "separators \u2028 and \u2029", "controls \u0001\u001f\u007f",
        "{\"looks\": [\"like\", \"json\"]}", "", " leading and trailing spaces ");
    WriteFeed feed = new WriteFeed();
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode person = TestStream.person(i + 1, texts.get(i), 1);
      person.put("naïve field ✓", texts.get(texts.size() - 1 - i));
      feed.record(s.descriptor(), person);
    }
    session.write(feed.state(s.descriptor()).complete(), s);
    DestinationSession.assertSame("records with line breaks and unicode in stream '" + s.descriptor() + "' must "
        + "come back unchanged", feed.records(s.descriptor()), session.stored(s).get(s.descriptor()));
  }
}
