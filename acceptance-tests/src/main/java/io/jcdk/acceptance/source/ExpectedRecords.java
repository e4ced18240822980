package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.protocol.AirbyteRecordMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares a read's records with an expected-records file ({"stream": .., "data": {..}} per line). */
final class ExpectedRecords {

  private ExpectedRecords() {}

  static void verify(List<JsonNode> expectedLines, List<AirbyteRecordMessage> actualRecords, boolean exactOrder,
      boolean extraFields, boolean extraRecords, String file) {
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    for (JsonNode line : expectedLines) {
      if (!line.path("stream").isTextual() || !line.path("data").isObject()) {
        throw new IllegalArgumentException(file + ": every line needs \"stream\" and a \"data\" object, got " + line);
      }
      expected.computeIfAbsent(line.get("stream").asText(), k -> new ArrayList<>())
          .add(RecordSet.canonical(line.get("data")));
    }
    Map<String, List<JsonNode>> actual = new LinkedHashMap<>();
    for (AirbyteRecordMessage r : actualRecords) {
      actual.computeIfAbsent(r.stream(), k -> new ArrayList<>()).add(RecordSet.canonical(r.data().tree()));
    }
    List<String> problems = new ArrayList<>();
    expected.forEach((stream, wanted) -> compare(stream, wanted, actual.getOrDefault(stream, List.of()),
        exactOrder, extraFields, extraRecords, problems));
    if (!problems.isEmpty()) {
      throw Check.fail("the records read differ from " + file + ":\n  "
          + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 8)))
          + (problems.size() > 8 ? "\n  … and " + (problems.size() - 8) + " more" : ""));
    }
  }

  private static void compare(String stream, List<JsonNode> wanted, List<JsonNode> got, boolean exactOrder,
      boolean extraFields, boolean extraRecords, List<String> problems) {
    List<JsonNode> unused = new ArrayList<>(got);
    int lastIndex = -1;
    for (JsonNode want : wanted) {
      int index = indexOf(got, unused, want, extraFields);
      if (index < 0) {
        problems.add("stream '" + stream + "': expected record not read: " + RecordSet.abbreviate(want));
        continue;
      }
      unused.set(index, null);
      if (exactOrder && index < lastIndex) {
        problems.add("stream '" + stream + "': record " + RecordSet.abbreviate(want) + " came out of order "
            + "(exact_order is set)");
      }
      lastIndex = Math.max(lastIndex, index);
    }
    if (!extraRecords) {
      unused.stream().filter(n -> n != null).limit(3).forEach(n ->
          problems.add("stream '" + stream + "': record not in the expected file (extra_records is false): "
              + RecordSet.abbreviate(n)));
    }
  }

  private static int indexOf(List<JsonNode> got, List<JsonNode> unused, JsonNode want, boolean extraFields) {
    for (int i = 0; i < got.size(); i++) {
      JsonNode candidate = unused.get(i);
      if (candidate != null && (extraFields ? contains(candidate, want) : candidate.equals(want))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code actual} has every field of {@code want} with the same value. */
  private static boolean contains(JsonNode actual, JsonNode want) {
    for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(actual.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
