package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import java.util.List;

/**
 * A stream the destination suites write: a unique name (so runs never see each other's data in a
 * persistent store), a schema, and how it is configured, with the generation and sync of the
 * platform's catalog (an overwrite's minimum_generation_id is its generation_id).
 */
record TestStream(StreamDescriptor descriptor, JsonNode schema, DestinationSyncMode mode,
    List<List<String>> primaryKey, List<String> cursor, long generation, long syncId) {

  static final JsonNode PEOPLE_SCHEMA = Json.parse("""
      {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": ["null", "string"]},
        "updated_at": {"type": "string", "format": "date-time", "airbyte_type": "timestamp_with_timezone"},
        "score": {"type": ["null", "number"]}, "tags": {"type": ["null", "array"], "items": {"type": "string"}},
        "address": {"type": ["null", "object"], "properties": {"city": {"type": "string"}}}}}
      """);

  static TestStream of(String namespace, String name, DestinationSyncMode mode) {
    return new TestStream(StreamDescriptor.of(namespace, name), PEOPLE_SCHEMA, mode, List.of(), List.of(), 1, 1);
  }

  TestStream withMode(DestinationSyncMode newMode) {
    return new TestStream(descriptor, schema, newMode, primaryKey, cursor, generation, syncId);
  }

  TestStream withSchema(JsonNode newSchema) {
    return new TestStream(descriptor, newSchema, mode, primaryKey, cursor, generation, syncId);
  }

  TestStream withDedup(List<List<String>> key, List<String> cursorField) {
    return new TestStream(descriptor, schema, DestinationSyncMode.APPEND_DEDUP, key, cursorField, generation, syncId);
  }

  /** A later sync: a new sync_id and generation_id, as the platform gives every sync that may overwrite. */
  TestStream nextSync() {
    return new TestStream(descriptor, schema, mode, primaryKey, cursor, generation + 1, syncId + 1);
  }

  ConfiguredAirbyteStream configured() {
    SyncMode syncMode = mode == DestinationSyncMode.OVERWRITE ? SyncMode.FULL_REFRESH : SyncMode.INCREMENTAL;
    AirbyteStream stream = AirbyteStream.of(descriptor, schema, List.of(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL));
    ConfiguredAirbyteStream configured = ConfiguredAirbyteStream.of(stream, syncMode, mode);
    if (!primaryKey.isEmpty()) {
      configured = configured.withPrimaryKey(primaryKey);
    }
    if (!cursor.isEmpty()) {
      configured = configured.withCursorField(cursor);
    }
    return configured.withGeneration(generation, mode == DestinationSyncMode.OVERWRITE ? generation : 0, syncId);
  }

  /** A person record: {"id": id, "name": name, "updated_at": ..., "score": id / 4}. */
  static ObjectNode person(long id, String name, int version) {
    ObjectNode data = Json.object();
    data.put("id", id);
    data.put("name", name);
    data.put("updated_at", String.format("2024-01-%02dT10:00:00Z", Math.min(28, version)));
    data.put("score", id / 4.0);
    data.putArray("tags").add("t" + (id % 3)).add("v" + version);
    data.putObject("address").put("city", "City " + (id % 7));
    return data;
  }
}
