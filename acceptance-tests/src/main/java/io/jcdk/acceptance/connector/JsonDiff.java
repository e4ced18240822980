package io.jcdk.acceptance.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.source.RecordSet;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Where two JSON documents differ, as JSON pointers with both values: for failure messages. */
public final class JsonDiff {

  private JsonDiff() {}

  public static List<String> differences(JsonNode expected, JsonNode actual, int max) {
    List<String> out = new ArrayList<>();
    walk("", RecordSet.canonical(expected), RecordSet.canonical(actual), out, max);
    return out;
  }

  private static void walk(String pointer, JsonNode expected, JsonNode actual, List<String> out, int max) {
    if (out.size() >= max || expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!actual.has(name)) {
          add(out, max, child + ": missing (expected " + show(expected.get(name)) + ")");
        } else if (!expected.has(name)) {
          add(out, max, child + ": unexpected " + show(actual.get(name)));
        } else {
          walk(child, expected.get(name), actual.get(name), out, max);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        walk(pointer + "/" + i, expected.get(i), actual.get(i), out, max);
      }
    } else {
      add(out, max, (pointer.isEmpty() ? "/" : pointer) + ": expected " + show(expected) + ", got " + show(actual));
    }
  }

  private static void add(List<String> out, int max, String line) {
    if (out.size() < max) {
      out.add(line);
    }
  }

  private static String show(JsonNode node) {
    String text = Json.write(node);
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }
}
