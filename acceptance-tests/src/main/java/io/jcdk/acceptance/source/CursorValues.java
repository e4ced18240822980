package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Cursor values read out of records and ordered: numbers by value, everything else as text. */
final class CursorValues {

  private CursorValues() {}

  /** The value at {@code path} in {@code data}; null when absent or JSON null. */
  static JsonNode at(JsonNode data, List<String> path) {
    JsonNode node = data;
    for (String field : path) {
      node = node == null ? null : node.get(field);
    }
    return node == null || node.isNull() ? null : node;
  }

  static int compare(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.asText().compareTo(b.asText());
  }

  static JsonNode max(JsonNode a, JsonNode b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return compare(a, b) >= 0 ? a : b;
  }
}
