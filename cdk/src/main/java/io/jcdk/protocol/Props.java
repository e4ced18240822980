package io.jcdk.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalizes the collections held by protocol records: never null, never mutable. */
final class Props {
  private Props() {}

  static Map<String, Object> extra(Map<String, Object> extra) {
    return extra == null || extra.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }
}
