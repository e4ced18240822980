package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Progress of a scan in primary key order (for partitioned tables, whose ctid is not unique): the
 * key of the row just emitted, as text. A resumed scan reads {@code WHERE (k1, k2) > (v1, v2)}.
 *
 * <p>State: {@code {"state_type":"primary_key","primary_key":["k1","k2"],"values":["v1","v2"]}}.
 */
final class KeyPosition implements TableScan.Position {

  static final String STATE_TYPE = "primary_key";

  private final List<String> key;
  private final int[] columnIndexes;
  private final String[] values;
  private boolean started;

  KeyPosition(PgTable table) {
    this.key = table.primaryKey();
    this.columnIndexes = new int[key.size()];
    for (int i = 0; i < key.size(); i++) {
      columnIndexes[i] = table.columns().indexOf(table.column(key.get(i)).orElseThrow());
    }
    this.values = new String[key.size()];
  }

  /** The key values to resume after, or null to start from the beginning. */
  static List<String> resumeAfter(JsonNode prior, List<String> key) {
    if (prior == null || !STATE_TYPE.equals(prior.path("state_type").asText())
        || !Json.strings(key).equals(prior.get("primary_key"))) {
      return null;
    }
    List<String> values = new ArrayList<>();
    prior.path("values").forEach(v -> values.add(v.asText()));
    return values.size() == key.size() ? values : null;
  }

  @Override
  public void advance(CopyRow row, int firstExtraField) {
    for (int i = 0; i < columnIndexes.length; i++) {
      values[i] = row.string(columnIndexes[i]);
    }
    started = true;
  }

  @Override
  public JsonNode state() {
    if (!started) {
      return null;
    }
    ObjectNode state = Json.object();
    state.put("state_type", STATE_TYPE);
    state.set("primary_key", Json.strings(key));
    ArrayNode v = state.putArray("values");
    for (String value : values) {
      v.add(value);
    }
    return state;
  }
}
