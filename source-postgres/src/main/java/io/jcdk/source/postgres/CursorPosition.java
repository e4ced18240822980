package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Progress of a cursor-incremental read, rows in ascending cursor order: the largest cursor value
 * emitted and how many rows had it. The state means "every row with a cursor below {@code cursor}
 * was emitted", so a read resumes with {@code cursor >= saved}: rows sharing the saved value are
 * read again (at-least-once), none is lost, even when a checkpoint falls in the middle of a group
 * of equal values. This is the rule of the kit's {@code CursorTracker}, kept here on raw bytes
 * because it runs for every row.
 *
 * <p>The value is kept as PostgreSQL's text for it, which converts back to the column's type
 * exactly (a JSON number would round a numeric(38,10) or a float through a double).
 *
 * <p>State: {@code {"state_type":"cursor_based","cursor_field":["c"],"cursor":"<text>",
 * "cursor_record_count":n}}.
 */
final class CursorPosition implements TableScan.Position {

  static final String STATE_TYPE = "cursor_based";

  private final String column;
  private byte[] value;
  private long count;

  CursorPosition(String column, String start) {
    this.column = column;
    this.value = start == null ? null : start.getBytes(StandardCharsets.UTF_8);
  }

  /** The saved cursor of {@code prior} if it is for {@code column}; null otherwise. */
  static String resumeFrom(JsonNode prior, String column) {
    if (prior == null || !List.of(column).equals(cursorField(prior)) || !prior.path("cursor").isTextual()) {
      return null;
    }
    return prior.get("cursor").asText();
  }

  private static List<String> cursorField(JsonNode state) {
    JsonNode f = state.get("cursor_field");
    if (f == null || !f.isArray() || f.size() != 1) {
      return List.of();
    }
    return List.of(f.get(0).asText());
  }

  @Override
  public void advance(CopyRow row, int firstExtraField) {
    if (row.isNull(firstExtraField)) {
      return; // NULL cursors sort last on a first sync and never move the state.
    }
    if (value != null && row.fieldEquals(firstExtraField, value)) {
      count++;
    } else {
      value = row.copy(firstExtraField);
      count = 1;
    }
  }

  @Override
  public JsonNode state() {
    ObjectNode state = Json.object();
    state.put("state_type", STATE_TYPE);
    state.putArray("cursor_field").add(column);
    if (value == null) {
      state.putNull("cursor");
    } else {
      state.put("cursor", new String(value, StandardCharsets.UTF_8));
    }
    state.put("cursor_record_count", count);
    return state;
  }
}
