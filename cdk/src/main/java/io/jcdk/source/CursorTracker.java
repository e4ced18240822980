package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the state of a cursor-incremental read so that no row is lost.
 *
 * <p>Many rows can share one cursor value (a batch insert with one timestamp). If a checkpoint
 * lands in the middle of such a group and the next read asked for {@code cursor > saved}, the rest
 * of the group would be skipped for ever. So the saved state means "every row with a cursor below
 * {@code cursor} was emitted", and a read resumes with {@code cursor >= saved}: the rows equal to
 * the saved value are read again (at-least-once, which deduplicating destinations absorb), none are
 * lost. This holds at any checkpoint, in the middle of a group or at the end of a sync, and also
 * when rows with the maximum value are committed after the sync read them.
 *
 * <p>Rows must be read in ascending cursor order. State shape:
 * {@code {"cursor_field":["updated_at"],"cursor":<value>,"cursor_record_count":<rows at that value>}}.
 */
public final class CursorTracker {

  private final List<String> cursorField;
  private final Comparator<JsonNode> order;
  private JsonNode max;
  private long countAtMax;

  private CursorTracker(List<String> cursorField, Comparator<JsonNode> order, JsonNode start) {
    this.cursorField = List.copyOf(cursorField);
    this.order = order;
    this.max = start;
  }

  /**
   * A tracker resuming from {@code priorState} (null on a first sync). A prior state for another
   * cursor field is ignored: the user changed the cursor, so the stream is read from the start.
   */
  public static CursorTracker resume(List<String> cursorField, JsonNode priorState, Comparator<JsonNode> order) {
    JsonNode start = null;
    if (priorState != null && priorState.has("cursor") && !priorState.get("cursor").isNull()
        && cursorField.equals(fieldOf(priorState))) {
      start = priorState.get("cursor");
    }
    return new CursorTracker(cursorField, order, start);
  }

  /** Compares numbers numerically and everything else by its text (ISO dates sort as text). */
  public static Comparator<JsonNode> naturalOrder() {
    return (a, b) -> a.isNumber() && b.isNumber()
        ? a.decimalValue().compareTo(b.decimalValue())
        : a.asText().compareTo(b.asText());
  }

  /** The value to read from, inclusively ({@code cursor >= value}); empty means read everything. */
  public Optional<JsonNode> lowerBoundInclusive() {
    return Optional.ofNullable(max);
  }

  /** Records the cursor value of a row just emitted; null cursors do not move the state. */
  public void observe(JsonNode value) {
    if (value == null || value.isNull()) {
      return;
    }
    int c = max == null ? 1 : order.compare(value, max);
    if (c > 0) {
      max = value;
      countAtMax = 1;
    } else if (c == 0) {
      countAtMax++;
    } else {
      throw new IllegalStateException("cursor " + cursorField + " went backwards: " + value + " after " + max
          + "; rows must be read in ascending cursor order");
    }
  }

  /** The state to checkpoint now; valid at any point of the read. */
  public ObjectNode state() {
    ObjectNode state = Json.object();
    state.set("cursor_field", Json.mapper().valueToTree(cursorField));
    state.set("cursor", max);
    state.put("cursor_record_count", countAtMax);
    return state;
  }

  private static List<String> fieldOf(JsonNode state) {
    JsonNode f = state.get("cursor_field");
    return f == null || !f.isArray() ? List.of() : Json.mapper().convertValue(f, List.class);
  }
}
