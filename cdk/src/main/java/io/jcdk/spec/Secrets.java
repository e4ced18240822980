package io.jcdk.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The values of a config's {@code airbyte_secret} fields, and a filter that masks them in text.
 *
 * <p>Secret fields are found by walking the spec: through {@code properties}, {@code items}, and
 * every branch of {@code oneOf}/{@code anyOf}/{@code allOf} (a oneOf branch adds no path segment,
 * so {@code tunnel_method.ssh_key} is found whichever branch the user picked).
 */
public final class Secrets implements UnaryOperator<String> {

  public static final String MASK = "**********";

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  public static Secrets of(JsonNode connectionSpecification, JsonNode config) {
    List<List<String>> paths = new ArrayList<>();
    collectPaths(connectionSpecification, new ArrayList<>(), paths);
    Set<String> found = new LinkedHashSet<>();
    for (List<String> path : paths) {
      collectValues(config, path, 0, found);
    }
    List<String> sorted = new ArrayList<>(found);
    // Longest first, so a secret that contains another is masked whole.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(List.copyOf(sorted));
  }

  /** Secret paths in the spec, as field names with "[]" for array items. */
  public static List<List<String>> paths(JsonNode connectionSpecification) {
    List<List<String>> paths = new ArrayList<>();
    collectPaths(connectionSpecification, new ArrayList<>(), paths);
    return paths;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String apply(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : values) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  private static void collectPaths(JsonNode schema, List<String> path, List<List<String>> out) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    if (schema.path("airbyte_secret").asBoolean(false)) {
      out.add(List.copyOf(path));
    }
    schema.path("properties").fields().forEachRemaining(e -> {
      path.add(e.getKey());
      collectPaths(e.getValue(), path, out);
      path.remove(path.size() - 1);
    });
    JsonNode items = schema.get("items");
    if (items != null) {
      path.add("[]");
      if (items.isArray()) {
        items.forEach(i -> collectPaths(i, path, out));
      } else {
        collectPaths(items, path, out);
      }
      path.remove(path.size() - 1);
    }
    for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
      schema.path(combinator).forEach(branch -> collectPaths(branch, path, out));
    }
  }

  private static void collectValues(JsonNode node, List<String> path, int i, Set<String> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (i == path.size()) {
      if (node.isValueNode()) {
        String s = node.asText();
        if (!s.isEmpty()) {
          out.add(s);
        }
      } else {
        // A secret object or array: mask every scalar inside it.
        node.forEach(child -> collectValues(child, path, i, out));
      }
      return;
    }
    String segment = path.get(i);
    if (segment.equals("[]")) {
      if (node.isArray()) {
        node.forEach(child -> collectValues(child, path, i + 1, out));
      }
    } else {
      collectValues(node.get(segment), path, i + 1, out);
    }
  }
}
