package io.jcdk.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
}
