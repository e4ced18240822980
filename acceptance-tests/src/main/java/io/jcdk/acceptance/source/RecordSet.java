package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Records as a multiset per stream, compared by value: key order and number spelling ({@code 1} vs
 * {@code 1.0}) do not matter, {@code emitted_at} is not part of a record's value.
 */
public final class RecordSet {

  /** stream → record identity → count; and an example record per identity, for messages. */
  private final Map<String, Map<JsonNode, Integer>> streams;
  private final Map<JsonNode, JsonNode> examples;

  private RecordSet(Map<String, Map<JsonNode, Integer>> streams, Map<JsonNode, JsonNode> examples) {
    this.streams = streams;
    this.examples = examples;
  }

  public static RecordSet of(Collection<AirbyteRecordMessage> records) {
    return of(records, Map.of());
  }

  /** @param ignoredFields stream name to top-level fields left out of the comparison */
  public static RecordSet of(Collection<AirbyteRecordMessage> records, Map<String, Set<String>> ignoredFields) {
    return of(records, r -> {
      JsonNode data = canonical(r.data().tree());
      Set<String> ignored = ignoredFields.getOrDefault(r.stream(), Set.of());
      if (!ignored.isEmpty() && data instanceof ObjectNode object) {
        object.remove(ignored);
      }
      return data;
    });
  }

  /**
   * Records identified by {@code identity} (their primary key, say): two records with the same
   * identity are the same record even if other fields (CDC metadata) differ.
   */
  public static RecordSet of(Collection<AirbyteRecordMessage> records, Function<AirbyteRecordMessage, JsonNode> identity) {
    Map<String, Map<JsonNode, Integer>> streams = new TreeMap<>();
    Map<JsonNode, JsonNode> examples = new HashMap<>();
    for (AirbyteRecordMessage r : records) {
      JsonNode id = identity.apply(r);
      streams.computeIfAbsent(key(r.namespace(), r.stream()), k -> new LinkedHashMap<>()).merge(id, 1, Integer::sum);
      examples.putIfAbsent(id, r.data().tree());
    }
    return new RecordSet(streams, examples);
  }

  /** The records in this set and not in {@code other} (counting duplicates). */
  public RecordSet minus(RecordSet other) {
    Map<String, Map<JsonNode, Integer>> rest = new TreeMap<>();
    streams.forEach((stream, counts) -> counts.forEach((data, n) -> {
      int left = n - other.streams.getOrDefault(stream, Map.of()).getOrDefault(data, 0);
      if (left > 0) {
        rest.computeIfAbsent(stream, k -> new LinkedHashMap<>()).put(data, left);
      }
    }));
    return new RecordSet(rest, examples);
  }

  public RecordSet plus(RecordSet other) {
    Map<String, Map<JsonNode, Integer>> sum = new TreeMap<>();
    for (RecordSet set : List.of(this, other)) {
      set.streams.forEach((stream, counts) -> counts.forEach((data, n) ->
          sum.computeIfAbsent(stream, k -> new LinkedHashMap<>()).merge(data, n, Integer::sum)));
    }
    Map<JsonNode, JsonNode> allExamples = new HashMap<>(other.examples);
    allExamples.putAll(examples);
    return new RecordSet(sum, allExamples);
  }

  public boolean isEmpty() {
    return streams.isEmpty();
  }

  public int size() {
    return streams.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
  }

  /** "stream 'users': 2 records, e.g. {...}" per stream, with at most {@code examples} records each. */
  public String describe(int examples) {
    List<String> parts = new ArrayList<>();
    streams.forEach((stream, counts) -> {
      int n = counts.values().stream().mapToInt(Integer::intValue).sum();
      List<String> shown = counts.keySet().stream().limit(examples)
          .map(id -> abbreviate(this.examples.getOrDefault(id, id))).toList();
      parts.add("stream '" + stream + "': " + n + " record(s), e.g. " + String.join(", ", shown));
    });
    return String.join("; ", parts);
  }

  /** Numbers become decimals without trailing zeros, so 1, 1.0 and 1e0 compare equal. */
  public static JsonNode canonical(JsonNode node) {
    if (node.isNumber()) {
      return JsonNodeFactory.instance.numberNode(node.decimalValue().stripTrailingZeros());
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), canonical(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> copy.add(canonical(child)));
      return copy;
    }
    return node;
  }

  static String abbreviate(JsonNode data) {
    String text = Json.write(data);
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  static String key(String namespace, String stream) {
    return namespace == null ? stream : namespace + "." + stream;
  }
}
