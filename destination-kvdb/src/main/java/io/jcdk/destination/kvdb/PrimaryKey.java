package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The primary key of an append_dedup stream: one or more field paths. A record's key is the JSON
 * array of its values at those paths, e.g. {@code [42]} or {@code ["eu",42]}; two records have the
 * same key when that JSON text is the same.
 */
record PrimaryKey(StreamDescriptor stream, List<List<String>> paths) {

  /** The field that marks a CDC delete: set (not null) means the row is gone at the source. */
  static final String CDC_DELETED_AT = "_ab_cdc_deleted_at";

  /** A record's key, as JSON text, and whether the record deletes it. */
  record Keyed(String key, boolean deletion) {}

  static PrimaryKey of(ConfiguredAirbyteStream configured) {
    List<List<String>> paths = configured.effectivePrimaryKey();
    if (paths.isEmpty() || paths.stream().anyMatch(p -> p == null || p.isEmpty())) {
      throw ConnectorException.config("Stream '" + configured.descriptor() + "' is append_dedup but has no primary"
          + " key. Set primary_key in the configured catalog (the source suggests one in"
          + " source_defined_primary_key), or use append.");
    }
    return new PrimaryKey(configured.descriptor(), List.copyOf(paths));
  }

  /**
   * The key of a record's data (a JSON object, as the reader checked) and whether it marks a
   * deletion, read with a streaming parser: fields outside the key are skipped, never built. (A
   * tree of a 20 MB record takes several times that in heap, only to take one field of it.) The key
   * values themselves become small trees, so the key text is what it always was.
   */
  Keyed keyOf(byte[] data) {
    JsonNode[] values = new JsonNode[paths.size()];
    boolean deletion;
    try (JsonParser parser = Json.factory().createParser(data)) {
      parser.nextToken();
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < paths.size(); i++) {
        all.add(i);
      }
      deletion = readObject(parser, 0, all, values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a record of stream '" + stream + "'", e);
    }
    ArrayNode key = Json.mapper().createArrayNode();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null || values[i].isNull()) {
        throw ConnectorException.config("A record of stream '" + stream + "' has no value for its primary key field "
            + String.join(".", paths.get(i)) + " (its top-level fields: " + fields(data) + "). append_dedup needs every"
            + " primary key field in every record: fix the source data, or choose another primary key.");
      }
      key.add(values[i]);
    }
    try {
      return new Keyed(Json.mapper().writeValueAsString(key), deletion);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a primary key as JSON", e);
    }
  }

  /**
   * Reads the object whose START_OBJECT the parser is at, to its end: the values of the {@code
   * active} paths, whose first {@code depth} fields led here, go to {@code values}. Returns whether
   * a top-level {@value #CDC_DELETED_AT} is set.
   */
  private boolean readObject(JsonParser parser, int depth, List<Integer> active, JsonNode[] values) throws IOException {
    boolean deletion = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (depth == 0 && name.equals(CDC_DELETED_AT)) {
        deletion = token != JsonToken.VALUE_NULL;
      }
      List<Integer> here = new ArrayList<>(1);
      boolean whole = false;
      for (int i : active) {
        List<String> path = paths.get(i);
        if (path.get(depth).equals(name)) {
          here.add(i);
          whole |= path.size() == depth + 1;
        }
      }
      if (whole) {
        JsonNode value = Json.mapper().readTree(parser);
        for (int i : here) {
          values[i] = at(value, paths.get(i), depth + 1);
        }
      } else if (!here.isEmpty() && token == JsonToken.START_OBJECT) {
        readObject(parser, depth + 1, here, values);
      } else {
        parser.skipChildren();
      }
    }
    return deletion;
  }

  private static JsonNode at(JsonNode value, List<String> path, int from) {
    for (int k = from; k < path.size() && value != null; k++) {
      value = value.isObject() ? value.get(path.get(k)) : null;
    }
    return value;
  }

  /** Up to 20 top-level field names, for the error message. */
  private static List<String> fields(byte[] data) {
    List<String> names = new ArrayList<>();
    try (JsonParser parser = Json.factory().createParser(data)) {
      parser.nextToken();
      while (names.size() < 20 && parser.nextToken() == JsonToken.FIELD_NAME) {
        names.add(parser.currentName());
        parser.nextToken();
        parser.skipChildren();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
