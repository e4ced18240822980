package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

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
 * <p>{@code infinity} (dates, timestamps, intervals) and {@code NaN} and {@code Infinity} (numeric,
 * floats) sort above every ordinary value: a state saved there would hide every row added later. So
 * rows with them are emitted but never move the state (they come again with every sync), and a
 * saved state holding one (written by an earlier version) reads every row again; both with a
 * warning, as the kit's {@code CursorTracker} does. {@code -infinity} sorts below everything and is a
 * safe resume point. Text columns have no such values: there "infinity" is a word like any other.
 *
 * <p>State, in the shape of Airbyte's source-postgres (version 2, whose readers find the stream's
 * namespace in the state): {@code {"state_type":"cursor_based","version":2,"stream_name":"t",
 * "stream_namespace":"s","cursor_field":["c"],"cursor":"<text>","cursor_record_count":n}}. Reading
 * needs only {@code cursor_field} and {@code cursor}, so states without the other fields (written by
 * earlier versions) resume as well.
 */
final class CursorPosition implements TableScan.Position {

  static final String STATE_TYPE = "cursor_based";

  private static final Logger LOG = Logger.getLogger(CursorPosition.class.getName());

  private final PgTable table;
  private final String column;
  private final List<byte[]> aboveEverything;
  private byte[] value;
  private long count;
  private boolean warned;

  /**
   * @param typeCategory the cursor column's {@code pg_type.typcategory} (a domain has its base
   *     type's): which texts of it sort above every ordinary value
   */
  CursorPosition(PgTable table, String column, char typeCategory, String start) {
    this.table = table;
    this.column = column;
    this.aboveEverything = aboveEverything(typeCategory).stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    this.value = start == null ? null : start.getBytes(StandardCharsets.UTF_8);
  }

  /** PostgreSQL's text for the values of a type category that sort above all others. */
  private static List<String> aboveEverything(char typeCategory) {
    return switch (typeCategory) {
      case 'N' -> List.of("NaN", "Infinity"); // numeric (Infinity since 14), real, double precision
      case 'D', 'T' -> List.of("infinity"); // date, timestamp(tz); interval since 17
      default -> List.of();
    };
  }

  /**
   * The saved cursor of {@code prior} if it is for {@code column} and a safe point to resume from;
   * null (read every row) otherwise.
   */
  static String resumeFrom(JsonNode prior, PgTable table, String column, char typeCategory) {
    if (prior == null || !List.of(column).equals(cursorField(prior)) || !prior.path("cursor").isTextual()) {
      return null;
    }
    String saved = prior.get("cursor").asText();
    if (aboveEverything(typeCategory).contains(saved)) {
      LOG.warning(() -> "Stream " + table + ": the saved cursor " + column + " is '" + saved + "', no safe point to"
          + " resume from (it sorts above every ordinary value; an earlier version saved it, and rows added since"
          + " may have been missed): this sync reads every row again.");
      return null;
    }
    return saved;
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
      return;
    }
    for (byte[] sentinel : aboveEverything) {
      if (row.fieldEquals(firstExtraField, sentinel)) {
        warnOnce(row.string(firstExtraField));
        return;
      }
    }
    value = row.copy(firstExtraField);
    count = 1;
  }

  private void warnOnce(String sentinel) {
    if (!warned) {
      warned = true;
      LOG.warning(() -> "Stream " + table + ": rows have the cursor " + column + " = '" + sentinel + "', which sorts"
          + " above every ordinary value and so is never saved as the point to resume from (rows added later would"
          + " never be read). These rows are sent again by every sync; give them a finite " + column + " to stop that.");
    }
  }

  @Override
  public JsonNode state() {
    ObjectNode state = Json.object();
    state.put("state_type", STATE_TYPE);
    state.put("version", 2);
    state.put("stream_name", table.name());
    state.put("stream_namespace", table.schema());
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
