package io.jcdk.protocol;

import static io.jcdk.protocol.TreeFields.bool;
import static io.jcdk.protocol.TreeFields.list;
import static io.jcdk.protocol.TreeFields.number;
import static io.jcdk.protocol.TreeFields.object;
import static io.jcdk.protocol.TreeFields.oneOf;
import static io.jcdk.protocol.TreeFields.present;
import static io.jcdk.protocol.TreeFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A configured catalog read field by field from its tree: the value data binding gives (unknown
 * fields kept, as trees), without building deserializers for the records, the first of which costs
 * every {@code read} and {@code write} 20–40 ms of its start. Scalars are coerced as data binding
 * coerces them ({@code "5"} for a number, {@code 5} for a string); anything else of the wrong shape
 * is an {@link IllegalArgumentException} naming the field ({@code streams[2].sync_mode}).
 */
final class CatalogTree {

  private static final Set<String> CATALOG_FIELDS = Set.of("streams");
  private static final Set<String> CONFIGURED_FIELDS = Set.of("stream", "sync_mode", "cursor_field",
      "destination_sync_mode", "destination_object_name", "primary_key", "generation_id", "minimum_generation_id",
      "sync_id", "include_files");
  private static final Set<String> STREAM_FIELDS = Set.of("name", "json_schema", "supported_sync_modes",
      "source_defined_cursor", "default_cursor_field", "source_defined_primary_key", "namespace", "is_resumable",
      "is_file_based");

  private CatalogTree() {}

  static ConfiguredAirbyteCatalog catalog(JsonNode tree) {
    object(tree, "the catalog");
    return new ConfiguredAirbyteCatalog(list(tree.get("streams"), "streams", "an array", CatalogTree::configured),
        Props.unknownFields(tree, CATALOG_FIELDS));
  }

  private static ConfiguredAirbyteStream configured(JsonNode t, String at) {
    object(t, at);
    JsonNode stream = t.get("stream");
    return new ConfiguredAirbyteStream(present(stream) ? stream(stream, at + ".stream") : null,
        oneOf(t.get("sync_mode"), at + ".sync_mode", SyncMode.values(), SyncMode::wire),
        strings(t.get("cursor_field"), at + ".cursor_field"),
        oneOf(t.get("destination_sync_mode"), at + ".destination_sync_mode", DestinationSyncMode.values(),
            DestinationSyncMode::wire),
        text(t.get("destination_object_name"), at + ".destination_object_name"),
        paths(t.get("primary_key"), at + ".primary_key"), number(t.get("generation_id"), at + ".generation_id"),
        number(t.get("minimum_generation_id"), at + ".minimum_generation_id"), number(t.get("sync_id"), at + ".sync_id"),
        bool(t.get("include_files"), at + ".include_files"), Props.unknownFields(t, CONFIGURED_FIELDS));
  }

  private static AirbyteStream stream(JsonNode t, String at) {
    object(t, at);
    JsonNode schema = t.get("json_schema");
    List<SyncMode> modes = list(t.get("supported_sync_modes"), at + ".supported_sync_modes", "an array",
        (mode, modeAt) -> oneOf(mode, modeAt, SyncMode.values(), SyncMode::wire));
    // A JSON null schema stays a null node, as data binding reads a null into a tree-typed field.
    return new AirbyteStream(text(t.get("name"), at + ".name"), schema, modes,
        bool(t.get("source_defined_cursor"), at + ".source_defined_cursor"),
        strings(t.get("default_cursor_field"), at + ".default_cursor_field"),
        paths(t.get("source_defined_primary_key"), at + ".source_defined_primary_key"),
        text(t.get("namespace"), at + ".namespace"), bool(t.get("is_resumable"), at + ".is_resumable"),
        bool(t.get("is_file_based"), at + ".is_file_based"), Props.unknownFields(t, STREAM_FIELDS));
  }

  /** An array of strings: a cursor field, or one path of a primary key. */
  private static List<String> strings(JsonNode v, String at) {
    return list(v, at, "an array of strings", TreeFields::text);
  }

  private static List<List<String>> paths(JsonNode v, String at) {
    return list(v, at, "an array of arrays of strings", CatalogTree::strings);
  }
}
