package io.jcdk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scalars of a protocol tree read as data binding reads them ({@code "5"} for a number,
 * {@code 5} for a string), and the error that names a field of the wrong shape: shared by the
 * readers that keep data binding off the start of a command ({@link CatalogTree}, {@link StateTree}).
 */
final class TreeFields {

  private TreeFields() {}

  static String text(JsonNode v, String at) {
    if (!present(v)) {
      return null;
    }
    if (!v.isValueNode()) {
      throw wrong(at, "a string", v);
    }
    return v.asText();
  }

  static Long number(JsonNode v, String at) {
    if (!present(v)) {
      return null;
    }
    if (v.canConvertToExactIntegral() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.textValue().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw wrong(at, "a whole number", v);
  }

  static Double decimal(JsonNode v, String at) {
    if (!present(v)) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.valueOf(v.textValue().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw wrong(at, "a number", v);
  }

  static Boolean bool(JsonNode v, String at) {
    if (!present(v)) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
      return Boolean.valueOf(v.textValue());
    }
    throw wrong(at, "true or false", v);
  }

  static boolean present(JsonNode v) {
    return v != null && !v.isNull();
  }

  static void object(JsonNode v, String at) {
    if (v == null || !v.isObject()) {
      throw wrong(at, "an object", v);
    }
  }

  private static IllegalArgumentException wrong(String at, String expected, JsonNode found) {
    String kind = found == null ? "nothing" : found.getNodeType().name().toLowerCase(Locale.ROOT);
    return new IllegalArgumentException(at + " must be " + expected + ", not " + kind
        + (found != null && found.isValueNode() ? " " + found : ""));
  }

  /** The constant {@code v} spells (null if absent), or an error that names the field and every spelling. */
  static <E extends Enum<E>> E oneOf(JsonNode v, String at, E[] constants, Function<E, String> spelling) {
    String name = text(v, at);
    if (name == null) {
      return null;
    }
    for (E constant : constants) {
      if (spelling.apply(constant).equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(at + ": '" + name + "' is not one of "
        + Arrays.stream(constants).map(spelling).collect(Collectors.joining(", ")));
  }

  /**
   * The array {@code v} holds (null if absent), each element read by {@code element} at {@code
   * at[i]}; anything but an array is an error that names the field and says it must be {@code expected}.
   */
  static <T> List<T> list(JsonNode v, String at, String expected, BiFunction<JsonNode, String, T> element) {
    if (!present(v)) {
      return null;
    }
    if (!v.isArray()) {
      throw wrong(at, expected, v);
    }
    List<T> list = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      list.add(element.apply(v.get(i), at + "[" + i + "]"));
    }
    return list;
  }

  /** {@code at.name}, or {@code name} at the top of a document. */
  static String field(String at, String name) {
    return at.isEmpty() ? name : at + "." + name;
  }
}
