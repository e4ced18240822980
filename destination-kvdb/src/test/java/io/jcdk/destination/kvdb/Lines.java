package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.util.List;

/** Input lines and catalogs for tests, built as JSON so nothing is escaped by hand. */
final class Lines {

  private Lines() {}

  static String record(String namespace, String stream, String dataJson) {
    return record(namespace, stream, Json.parse(dataJson));
  }

  static String record(String namespace, String stream, JsonNode data) {
    ObjectNode record = Json.object();
    if (namespace != null) {
      record.put("namespace", namespace);
    }
    record.put("stream", stream).put("emitted_at", 1700000000000L).set("data", data);
    ObjectNode message = Json.object().put("type", "RECORD");
    message.set("record", record);
    return Json.write(message);
  }

  static String state(String namespace, String stream, String stateJson) {
    ObjectNode descriptor = descriptor(namespace, stream);
    ObjectNode streamState = Json.object();
    streamState.set("stream_descriptor", descriptor);
    streamState.set("stream_state", Json.parse(stateJson));
    ObjectNode state = Json.object().put("type", "STREAM");
    state.set("stream", streamState);
    ObjectNode message = Json.object().put("type", "STATE");
    message.set("state", state);
    return Json.write(message);
  }

  static String status(String namespace, String stream, String status) {
    ObjectNode streamStatus = Json.object();
    streamStatus.set("stream_descriptor", descriptor(namespace, stream));
    streamStatus.put("status", status);
    ObjectNode trace = Json.object().put("type", "STREAM_STATUS").put("emitted_at", 1700000000000.0);
    trace.set("stream_status", streamStatus);
    ObjectNode message = Json.object().put("type", "TRACE");
    message.set("trace", trace);
    return Json.write(message);
  }

  static String input(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  static String input(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  /** A configured stream; {@code primaryKey} fields become single-field paths unless dotted. */
  static ObjectNode stream(String namespace, String name, String destinationSyncMode, String... primaryKey) {
    ObjectNode stream = Json.object().put("name", name);
    if (namespace != null) {
      stream.put("namespace", namespace);
    }
    stream.set("json_schema", Json.object().put("type", "object"));
    stream.set("supported_sync_modes", Json.mapper().createArrayNode().add("full_refresh").add("incremental"));
    ObjectNode configured = Json.object();
    configured.set("stream", stream);
    configured.put("sync_mode", destinationSyncMode.equals("overwrite") ? "full_refresh" : "incremental");
    configured.put("destination_sync_mode", destinationSyncMode);
    if (primaryKey.length > 0) {
      ArrayNode key = configured.putArray("primary_key");
      for (String field : primaryKey) {
        ArrayNode path = key.addArray();
        for (String part : field.split("\\.")) {
          path.add(part);
        }
      }
    }
    return configured;
  }

  static ObjectNode withGeneration(ObjectNode stream, long generation, long minimumGeneration) {
    return stream.put("generation_id", generation).put("minimum_generation_id", minimumGeneration).put("sync_id", generation);
  }

  static String catalog(ObjectNode... streams) {
    ObjectNode catalog = Json.object();
    ArrayNode list = catalog.putArray("streams");
    for (ObjectNode s : streams) {
      list.add(s);
    }
    return Json.write(catalog);
  }

  private static ObjectNode descriptor(String namespace, String stream) {
    ObjectNode d = Json.object().put("name", stream);
    if (namespace != null) {
      d.put("namespace", namespace);
    }
    return d;
  }
}
