package io.jcdk.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

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
 * <p>Some values are no safe resume point: {@code infinity} or {@code NaN} sort above every
 * ordinary value, so a state saved at one would make every row added later invisible, silently.
 * Rows with such a value are emitted but never move the state (they come again with every sync,
 * at-least-once); a saved state holding one, from an older connector, reads every row again. Both
 * are a warning. {@link #sortsAboveEverything} says which values; a source that knows better (a
 * text column where "infinity" is just a word, a {@code 9999-12-31} meaning "never") passes its own
 * test to {@link #resume(List, JsonNode, Comparator, Predicate)}.
 *
 * <p>Rows must be read in ascending cursor order. State shape:
 * {@code {"cursor_field":["updated_at"],"cursor":<value>,"cursor_record_count":<rows at that value>}}.
 */
public final class CursorTracker {

  private static final Logger LOG = Logger.getLogger(CursorTracker.class.getName());

  /** Spellings of values above every number or date in PostgreSQL, Java, JavaScript and Python. */
  private static final Set<String> ABOVE_EVERYTHING = Set.of("infinity", "+infinity", "inf", "+inf", "nan");

  private final List<String> cursorField;
  private final Comparator<JsonNode> order;
  private final Predicate<JsonNode> safeResumePoint;
  private JsonNode max;
  private long countAtMax;
  private boolean warned;

  private CursorTracker(List<String> cursorField, Comparator<JsonNode> order, Predicate<JsonNode> safeResumePoint,
      JsonNode start) {
    this.cursorField = List.copyOf(cursorField);
    this.order = order;
    this.safeResumePoint = safeResumePoint;
    this.max = start;
  }

  /**
   * A tracker resuming from {@code priorState} (null on a first sync). A prior state for another
   * cursor field is ignored: the user changed the cursor, so the stream is read from the start.
   * Values that {@link #sortsAboveEverything} are no resume point.
   */
  public static CursorTracker resume(List<String> cursorField, JsonNode priorState, Comparator<JsonNode> order) {
    return resume(cursorField, priorState, order, v -> !sortsAboveEverything(v));
  }

  /** As {@link #resume(List, JsonNode, Comparator)}, with the source's own test of a safe resume point. */
  public static CursorTracker resume(List<String> cursorField, JsonNode priorState, Comparator<JsonNode> order,
      Predicate<JsonNode> safeResumePoint) {
    JsonNode start = null;
    if (priorState != null && priorState.has("cursor") && !priorState.get("cursor").isNull()
        && cursorField.equals(fieldOf(priorState))) {
      start = priorState.get("cursor");
      if (!safeResumePoint.test(start)) {
        JsonNode saved = start;
        LOG.warning(() -> "The saved cursor " + cursorField + " is " + text(saved) + ", no safe point to resume"
            + " from (it sorts above the ordinary values; an earlier version saved it, and rows added since may"
            + " have been missed): this sync reads every row again.");
        start = null;
      }
    }
    return new CursorTracker(cursorField, order, safeResumePoint, start);
  }

  /**
   * True for values that sort above every ordinary number or date: a floating-point NaN or
   * +Infinity, and the texts {@code infinity}, {@code +infinity}, {@code inf}, {@code +inf},
   * {@code NaN} in any case. {@code -infinity} is not among them: it is below everything, so
   * resuming from it only reads everything again.
   */
  public static boolean sortsAboveEverything(JsonNode value) {
    if (value.isNumber()) {
      double d = value.doubleValue();
      return Double.isNaN(d) || d == Double.POSITIVE_INFINITY;
    }
    return value.isTextual() && ABOVE_EVERYTHING.contains(value.asText().trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Compares numbers numerically and everything else by its text (ISO dates sort as text); NaN
   * above +Infinity above every other number, as PostgreSQL and {@link Double#compare} order them.
   */
  public static Comparator<JsonNode> naturalOrder() {
    return (a, b) -> {
      if (!a.isNumber() || !b.isNumber()) {
        return a.asText().compareTo(b.asText());
      }
      if (!Double.isFinite(a.doubleValue()) || !Double.isFinite(b.doubleValue())) {
        return Double.compare(a.doubleValue(), b.doubleValue());
      }
      return a.decimalValue().compareTo(b.decimalValue());
    };
  }

  /** The value to read from, inclusively ({@code cursor >= value}); empty means read everything. */
  public Optional<JsonNode> lowerBoundInclusive() {
    return Optional.ofNullable(max);
  }

  /**
   * Records the cursor value of a row just emitted; null cursors and values that are no safe
   * resume point do not move the state.
   */
  public void observe(JsonNode value) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!safeResumePoint.test(value)) {
      if (!warned) {
        warned = true;
        LOG.warning(() -> "Cursor " + cursorField + ": a row has the value " + text(value) + ", no safe point to"
            + " resume from (it sorts above the ordinary values: a state saved there would hide every row added"
            + " later). Such rows are sent but never saved as the resume point, so they are sent again by every"
            + " sync.");
      }
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
    state.set("cursor_field", Json.strings(cursorField));
    state.set("cursor", max);
    state.put("cursor_record_count", countAtMax);
    return state;
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
  }

  private static List<String> fieldOf(JsonNode state) {
    JsonNode f = state.get("cursor_field");
    List<String> field = new ArrayList<>();
    for (JsonNode name : f == null || !f.isArray() ? List.<JsonNode>of() : f) {
      if (!name.isTextual()) {
        return List.of(); // no cursor field of ours
      }
      field.add(name.textValue());
    }
    return field;
  }
}
