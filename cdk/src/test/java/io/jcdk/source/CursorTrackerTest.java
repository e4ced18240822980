package io.jcdk.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jcdk.protocol.Json;
import io.jcdk.testing.LogCapture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CursorTrackerTest {

  record Row(int id, int cursor) {}

  /** Reads rows with cursor >= the tracker's bound, in cursor order, stopping after {@code limit}. */
  private static JsonNode readUntil(List<Row> table, JsonNode prior, int limit, Set<Integer> seen) {
    CursorTracker tracker = CursorTracker.resume(List.of("c"), prior, CursorTracker.naturalOrder());
    int from = tracker.lowerBoundInclusive().map(JsonNode::asInt).orElse(Integer.MIN_VALUE);
    int n = 0;
    for (Row r : table.stream().filter(r -> r.cursor() >= from).sorted((a, b) -> a.cursor() - b.cursor()).toList()) {
      if (n++ == limit) {
        break;
      }
      seen.add(r.id());
      tracker.observe(IntNode.valueOf(r.cursor()));
    }
    return tracker.state();
  }

  @Test
  void noRowIsLostWhenACheckpointFallsInsideAGroupOfEqualCursors() {
    List<Row> table = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      table.add(new Row(i, i / 10)); // ten rows share each cursor value
    }
    Set<Integer> seen = new HashSet<>();
    JsonNode state = null;
    for (int attempt = 0; attempt < 20 && seen.size() < 100; attempt++) {
      state = readUntil(table, state, 15, seen); // every read is cut short, mid-group, after 15 rows
    }
    assertThat(seen).hasSize(100);
    assertThat(state.get("cursor").asInt()).isEqualTo(9);
  }

  @Test
  void rowsCommittedLaterWithTheMaximumValueAreStillRead() {
    List<Row> table = new ArrayList<>(List.of(new Row(1, 5), new Row(2, 7)));
    Set<Integer> seen = new HashSet<>();
    JsonNode state = readUntil(table, null, Integer.MAX_VALUE, seen);
    table.add(new Row(3, 7)); // same cursor value as the last row read, committed after the sync
    Set<Integer> second = new HashSet<>();
    readUntil(table, state, Integer.MAX_VALUE, second);
    assertThat(second).contains(3).doesNotContain(1);
  }

  @Test
  void aStateForAnotherCursorFieldStartsOver() {
    JsonNode prior = Json.parse("{\"cursor_field\":[\"other\"],\"cursor\":9}");
    assertThat(CursorTracker.resume(List.of("c"), prior, CursorTracker.naturalOrder()).lowerBoundInclusive()).isEmpty();
  }

  /** Reads rows whose text cursor is at or above the tracker's bound, in text order. */
  private static JsonNode readText(Map<Integer, String> table, JsonNode prior, Set<Integer> seen) {
    CursorTracker tracker = CursorTracker.resume(List.of("c"), prior, CursorTracker.naturalOrder());
    String from = tracker.lowerBoundInclusive().map(JsonNode::asText).orElse(null);
    table.entrySet().stream().filter(e -> from == null || e.getValue().compareTo(from) >= 0)
        .sorted(Map.Entry.comparingByValue()).forEach(e -> {
          seen.add(e.getKey());
          tracker.observe(TextNode.valueOf(e.getValue()));
        });
    return tracker.state();
  }

  @Test
  void aCursorOfInfinityIsSentButNeverBecomesTheResumePoint() {
    Map<Integer, String> table = new HashMap<>(Map.of(1, "2024-01-01", 2, "2024-01-02", 3, "infinity"));
    Set<Integer> first = new HashSet<>();
    JsonNode state;
    try (LogCapture log = LogCapture.of(CursorTracker.class)) {
      state = readText(table, null, first);
      assertThat(log.warnings()).singleElement().asString().contains("[c]").contains("'infinity'");
    }
    assertThat(first).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(state.get("cursor").asText()).isEqualTo("2024-01-02");
    table.put(4, "2024-01-03"); // an ordinary row added after the sync: it must be read
    Set<Integer> second = new HashSet<>();
    readText(table, state, second);
    assertThat(second).contains(4, 3).doesNotContain(1);
  }

  @Test
  void nanAndInfiniteNumbersAreNeverAResumePointButMinusInfinityIs() {
    CursorTracker tracker = CursorTracker.resume(List.of("c"), null, CursorTracker.naturalOrder());
    tracker.observe(IntNode.valueOf(5));
    tracker.observe(DoubleNode.valueOf(Double.POSITIVE_INFINITY));
    tracker.observe(DoubleNode.valueOf(Double.NaN));
    tracker.observe(TextNode.valueOf("NaN"));
    assertThat(tracker.state().get("cursor").asInt()).isEqualTo(5);
    assertThat(tracker.state().get("cursor_record_count").asLong()).isEqualTo(1);

    CursorTracker low = CursorTracker.resume(List.of("c"), null, CursorTracker.naturalOrder());
    low.observe(DoubleNode.valueOf(Double.NEGATIVE_INFINITY));
    assertThat(low.state().get("cursor").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void aSavedCursorOfInfinityFromAnEarlierVersionReadsEverythingAgainWithAWarning() {
    JsonNode prior = Json.parse("{\"cursor_field\":[\"c\"],\"cursor\":\"infinity\",\"cursor_record_count\":1}");
    try (LogCapture log = LogCapture.of(CursorTracker.class)) {
      assertThat(CursorTracker.resume(List.of("c"), prior, CursorTracker.naturalOrder()).lowerBoundInclusive())
          .isEmpty();
      assertThat(log.warnings()).singleElement().asString().contains("'infinity'").contains("every row");
    }
    JsonNode minus = Json.parse("{\"cursor_field\":[\"c\"],\"cursor\":\"-infinity\"}");
    assertThat(CursorTracker.resume(List.of("c"), minus, CursorTracker.naturalOrder()).lowerBoundInclusive())
        .contains(TextNode.valueOf("-infinity"));
  }

  @Test
  void aSourceNamesItsOwnValuesThatAreNoSafeResumePoint() {
    CursorTracker tracker = CursorTracker.resume(List.of("valid_to"), null, CursorTracker.naturalOrder(),
        v -> !v.asText().equals("9999-12-31"));
    tracker.observe(TextNode.valueOf("2024-05-01"));
    tracker.observe(TextNode.valueOf("9999-12-31"));
    assertThat(tracker.state().get("cursor").asText()).isEqualTo("2024-05-01");
  }
}
