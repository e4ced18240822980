package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The primary key of an append_dedup stream: one or more field paths. A record's key is the JSON
 * array of its values at those paths, e.g. {@code [42]} or {@code ["eu",42]}; two records have the
 * same key when that JSON text is the same.
 */
record PrimaryKey(StreamDescriptor stream, List<List<String>> paths) {

  /** The field that marks a CDC delete: set (not null) means the row is gone at the source. */
  static final String CDC_DELETED_AT = "_ab_cdc_deleted_at";

  static PrimaryKey of(ConfiguredAirbyteStream configured) {
    List<List<String>> paths = configured.effectivePrimaryKey();
    if (paths.isEmpty() || paths.stream().anyMatch(p -> p == null || p.isEmpty())) {
      throw ConnectorException.config("Stream '" + configured.descriptor() + "' is append_dedup but has no primary"
          + " key. Set primary_key in the configured catalog (the source suggests one in"
          + " source_defined_primary_key), or use append.");
    }
    return new PrimaryKey(configured.descriptor(), List.copyOf(paths));
  }

  /** The key of a record's data, as JSON text. */
  String keyOf(JsonNode data) {
    ArrayNode key = Json.mapper().createArrayNode();
    for (List<String> path : paths) {
      JsonNode value = data;
      for (String field : path) {
        value = value.isObject() ? value.get(field) : null;
        if (value == null) {
          break;
        }
      }
      if (value == null || value.isNull()) {
        throw ConnectorException.config("A record of stream '" + stream + "' has no value for its primary key field "
            + String.join(".", path) + " (its top-level fields: " + fields(data) + "). append_dedup needs every"
            + " primary key field in every record: fix the source data, or choose another primary key.");
      }
      key.add(value);
    }
    try {
      return Json.mapper().writeValueAsString(key);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a primary key as JSON", e);
    }
  }

  static boolean isDeletion(JsonNode data) {
    JsonNode deletedAt = data.get(CDC_DELETED_AT);
    return deletedAt != null && !deletedAt.isNull();
  }

  private static List<String> fields(JsonNode data) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = data.fieldNames(); it.hasNext() && names.size() < 20; ) {
      names.add(it.next());
    }
    return names;
  }
}
