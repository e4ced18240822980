package io.jcdk.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The values of a config's {@code airbyte_secret} fields, and a filter that masks them in text.
 *
 * <p>Secret fields are found by walking the spec: through {@code properties}, {@code items}, and
 * every branch of {@code oneOf}/{@code anyOf}/{@code allOf} (a oneOf branch adds no path segment,
 * so {@code tunnel_method.ssh_key} is found whichever branch the user picked).
 *
 * <p>A connector may also obtain secrets at runtime (an OAuth access token, a credential in an
 * encoded form). {@link #learn} adds them to what every filter of this process masks.
 */
public final class Secrets implements UnaryOperator<String> {

  public static final String MASK = "**********";

  /** Secrets learned at runtime; process-wide, as the runtime's output is. */
  private static final Set<String> LEARNED = ConcurrentHashMap.newKeySet();

  /** Longest first, so a secret that contains another is masked whole. */
  private static final Comparator<String> LONGEST_FIRST = Comparator.comparingInt(String::length).reversed();

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
    sorted.sort(LONGEST_FIRST);
    return new Secrets(List.copyOf(sorted));
  }

  /** Secret paths in the spec, as field names with "[]" for array items. */
  public static List<List<String>> paths(JsonNode connectionSpecification) {
    List<List<String>> paths = new ArrayList<>();
    collectPaths(connectionSpecification, new ArrayList<>(), paths);
    return paths;
  }

  /**
   * Masks {@code value} from now on in every LOG and TRACE message of this process, like the values
   * of the config's {@code airbyte_secret} fields: for secrets the connector obtains at runtime (an
   * OAuth access token) or derives from the config (a base64 or URL-encoded form of a credential).
   */
  public static void learn(String value) {
    if (value != null && !value.isEmpty()) {
      LEARNED.add(value);
    }
  }

  /** Whether the config held no secret value (secrets learned at runtime are not counted). */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String apply(String text) {
    if (text == null || values.isEmpty() && LEARNED.isEmpty()) {
      return text;
    }
    List<String> all = values;
    if (!LEARNED.isEmpty()) {
      all = new ArrayList<>(values);
      all.addAll(LEARNED);
      all.sort(LONGEST_FIRST);
    }
    String out = text;
    for (String secret : all) {
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
