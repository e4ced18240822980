package io.jcdk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The collections held by protocol records: normalized (never null, never mutable), and a record's
 * unknown fields read from its tree.
 */
final class Props {
  private Props() {}

  static Map<String, Object> extra(Map<String, Object> extra) {
    return extra == null || extra.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** The fields of {@code tree} not in {@code known}, as trees: a record's unknown fields, read without data binding. */
  static Map<String, Object> unknownFields(JsonNode tree, Set<String> known) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!known.contains(field.getKey())) {
        extra.put(field.getKey(), field.getValue());
      }
    }
    return extra;
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }
}
