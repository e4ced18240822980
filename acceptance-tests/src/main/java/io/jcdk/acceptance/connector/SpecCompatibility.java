package io.jcdk.acceptance.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Changes between a previous and the current {@code connectionSpecification} that would reject a
 * config that used to be valid: a property removed, a property newly required, a type narrowed, an
 * enum value dropped. Walks {@code properties}, array {@code items}, and oneOf/anyOf branches by
 * position.
 */
final class SpecCompatibility {

  private SpecCompatibility() {}

  static List<String> breakingChanges(JsonNode previous, JsonNode current) {
    List<String> out = new ArrayList<>();
    compare("", previous, current, out);
    return out;
  }

  private static void compare(String path, JsonNode before, JsonNode after, List<String> out) {
    if (before == null || after == null || !before.isObject() || !after.isObject()) {
      return;
    }
    String where = path.isEmpty() ? "the root" : "'" + path + "'";
    Set<String> beforeTypes = types(before);
    Set<String> afterTypes = types(after);
    if (!beforeTypes.isEmpty() && !afterTypes.isEmpty()) {
      Set<String> lost = new HashSet<>(beforeTypes);
      lost.removeAll(afterTypes);
      if (afterTypes.contains("number")) {
        lost.remove("integer");
      }
      if (!lost.isEmpty()) {
        out.add(where + " no longer accepts type(s) " + lost);
      }
    }
    if (before.has("enum") && after.has("enum")) {
      Set<JsonNode> kept = new HashSet<>();
      after.get("enum").forEach(kept::add);
      before.get("enum").forEach(v -> {
        if (!kept.contains(v)) {
          out.add(where + " no longer accepts the value " + v);
        }
      });
    }
    Set<String> requiredBefore = names(before.get("required"));
    for (String name : names(after.get("required"))) {
      if (!requiredBefore.contains(name)) {
        out.add("'" + join(path, name) + "' is newly required: configs written for the previous spec lack it");
      }
    }
    JsonNode propsAfter = after.path("properties");
    before.path("properties").fields().forEachRemaining(e -> {
      if (!propsAfter.has(e.getKey())) {
        if (after.path("additionalProperties").asBoolean(true)) {
          return;
        }
        out.add("'" + join(path, e.getKey()) + "' was removed while additionalProperties is false");
      } else {
        compare(join(path, e.getKey()), e.getValue(), propsAfter.get(e.getKey()), out);
      }
    });
    if (before.has("items") && after.has("items")) {
      compare(path + "[]", before.get("items"), after.get("items"), out);
    }
    for (String combinator : List.of("oneOf", "anyOf")) {
      JsonNode b = before.path(combinator);
      JsonNode a = after.path(combinator);
      if (b.size() > a.size() && a.size() > 0) {
        out.add(where + " has fewer " + combinator + " options (" + b.size() + " before, " + a.size() + " now)");
      }
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        compare(path, b.get(i), a.get(i), out);
      }
    }
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> out = new HashSet<>();
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      out.add(type.asText());
    } else if (type != null && type.isArray()) {
      type.forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  private static Set<String> names(JsonNode array) {
    Set<String> out = new HashSet<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
