package io.jcdk.acceptance.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a YAML document that the record type it binds to does not declare, with their lines
 * and the keys allowed there: so that a misspelled key is reported instead of silently testing
 * nothing.
 */
final class UnknownKeys {

  private UnknownKeys() {}

  static List<UnknownKey> of(String yaml, JsonNode tree, Class<?> type) {
    List<UnknownKey> out = new ArrayList<>();
    collect(tree, type, Map.of(), "", keyLines(yaml), out);
    return out;
  }

  /** The line of every key of the document, by JSON pointer. */
  private static Map<String, Integer> keyLines(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          lines.put(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot re-read the YAML to find its lines", e);
    }
    return lines;
  }

  private static void collect(JsonNode node, Type type, Map<TypeVariable<?>, Type> bindings, String path,
      Map<String, Integer> lines, List<UnknownKey> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (type instanceof TypeVariable<?> variable) {
      type = bindings.getOrDefault(variable, Object.class);
    }
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : null;
    if (raw == null) {
      return;
    }
    Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
    if (type instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = raw.getTypeParameters();
      for (int i = 0; i < vars.length; i++) {
        Type arg = p.getActualTypeArguments()[i];
        inner.put(vars[i], arg instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : arg);
      }
    }
    if (raw.isRecord() && node.isObject()) {
      Map<String, RecordComponent> components = new LinkedHashMap<>();
      for (RecordComponent c : raw.getRecordComponents()) {
        // @JsonProperty on a record component lands on its accessor (and field), not on the component.
        if (c.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
          continue;
        }
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        components.put(named != null ? named.value() : c.getName(), c);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String pointer = path + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        RecordComponent c = components.get(field.getKey());
        if (c == null) {
          out.add(new UnknownKey(pointer, lines.getOrDefault(pointer, 0), List.copyOf(components.keySet())));
        } else {
          collect(field.getValue(), c.getGenericType(), inner, pointer, lines, out);
        }
      }
    } else if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = inner.getOrDefault(raw.getTypeParameters()[0], Object.class);
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), element, inner, path + "/" + i, lines, out);
      }
    } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = inner.getOrDefault(raw.getTypeParameters()[1], Object.class);
      node.fields().forEachRemaining(e ->
          collect(e.getValue(), value, inner, path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), lines, out));
    }
  }
}
