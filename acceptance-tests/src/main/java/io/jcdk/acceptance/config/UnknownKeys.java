package io.jcdk.acceptance.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The keys of a YAML/JSON tree that the record type it binds to does not declare, as JSON pointers:
 * so that a misspelled suite name is reported instead of silently testing nothing.
 */
final class UnknownKeys {

  private UnknownKeys() {}

  static List<String> of(JsonNode tree, Class<?> type) {
    List<String> out = new ArrayList<>();
    collect(tree, type, Map.of(), "", out);
    return out;
  }

  private static void collect(JsonNode node, Type type, Map<TypeVariable<?>, Type> bindings, String path,
      List<String> out) {
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
      Map<String, RecordComponent> components = new HashMap<>();
      for (RecordComponent c : raw.getRecordComponents()) {
        // @JsonProperty on a record component lands on its accessor (and field), not on the component.
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        components.put(named != null ? named.value() : c.getName(), c);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        RecordComponent c = components.get(field.getKey());
        if (c == null) {
          out.add(path + "/" + field.getKey());
        } else {
          collect(field.getValue(), c.getGenericType(), inner, path + "/" + field.getKey(), out);
        }
      }
    } else if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = inner.getOrDefault(raw.getTypeParameters()[0], Object.class);
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), element, inner, path + "/" + i, out);
      }
    } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
      Type value = inner.getOrDefault(raw.getTypeParameters()[1], Object.class);
      node.fields().forEachRemaining(e -> collect(e.getValue(), value, inner, path + "/" + e.getKey(), out));
    }
  }
}
