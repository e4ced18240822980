package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A configured catalog read from its tree is the catalog data binding reads, or an error naming the field. */
class CatalogTreeTest {

  private static final String FULL = """
      {"streams": [
        {"stream": {"name": "users", "namespace": "public", "json_schema": {"type": "object", "properties":
            {"id": {"type": "integer"}, "tags": {"type": ["null", "array"], "items": {"type": "string"}}}},
          "supported_sync_modes": ["full_refresh", "incremental"], "source_defined_cursor": true,
          "default_cursor_field": ["updated_at"], "source_defined_primary_key": [["id"], ["tenant", "key"]],
          "is_resumable": true, "is_file_based": false},
         "sync_mode": "incremental", "cursor_field": ["updated_at"], "destination_sync_mode": "append_dedup",
         "destination_object_name": "users_copy", "primary_key": [["id"]], "generation_id": 3,
         "minimum_generation_id": 0, "sync_id": 9007199254740993, "include_files": false},
        {"stream": {"name": "empty", "json_schema": {}, "supported_sync_modes": ["full_refresh"]},
         "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"},
        {"stream": {"name": "nulls", "namespace": null, "json_schema": null, "supported_sync_modes": null,
          "default_cursor_field": null}, "sync_mode": "full_refresh", "destination_sync_mode": "append",
         "cursor_field": null, "primary_key": null, "generation_id": null},
        {"stream": {"name": 42, "json_schema": {}, "supported_sync_modes": []}, "sync_mode": "full_refresh",
         "destination_sync_mode": "soft_delete", "generation_id": "7", "include_files": "true",
         "cursor_field": [], "primary_key": [[]]}
      ]}
      """;

  private static ConfiguredAirbyteCatalog dataBinding(String json) throws Exception {
    return Json.mapper().treeToValue(Json.parse(json), ConfiguredAirbyteCatalog.class);
  }

  @Test
  void everyFieldIsReadAsDataBindingReadsIt() throws Exception {
    ConfiguredAirbyteCatalog read = ConfiguredAirbyteCatalog.fromTree(Json.parse(FULL));
    ConfiguredAirbyteCatalog expected = dataBinding(FULL);
    for (int i = 0; i < expected.streams().size(); i++) {
      assertThat(read.streams().get(i).stream()).as("streams[%d].stream", i).isEqualTo(expected.streams().get(i).stream());
      assertThat(read.streams().get(i)).as("streams[%d]", i).isEqualTo(expected.streams().get(i));
    }
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void unknownFieldsAreKeptAtEveryLevel() throws Exception {
    String json = """
        {"streams": [{"stream": {"name": "users", "json_schema": {}, "supported_sync_modes": ["full_refresh"],
            "x_stream": {"a": [1, 2]}}, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite",
            "x_configured": "v"}], "x_catalog": 1.5}
        """;
    ConfiguredAirbyteCatalog read = ConfiguredAirbyteCatalog.fromTree(Json.parse(json));

    // Data binding keeps them as plain Java values, the tree reader as trees: both write the same JSON.
    assertThat(Json.parse(Json.write(read))).isEqualTo(Json.parse(Json.write(dataBinding(json))));
    assertThat(read.additionalProperties()).containsOnlyKeys("x_catalog");
    assertThat(read.streams().get(0).additionalProperties()).containsOnlyKeys("x_configured");
    assertThat(read.streams().get(0).stream().additionalProperties()).containsOnlyKeys("x_stream");
  }

  @Test
  void aFieldOfTheWrongShapeIsNamed() {
    String stream = "\"stream\": {\"name\": \"users\", \"json_schema\": {}, \"supported_sync_modes\": [\"full_refresh\"]}";
    List<String[]> cases = List.of(
        new String[] {"{\"streams\": {}}", "streams must be an array, not object"},
        new String[] {"{\"streams\": [[]]}", "streams[0] must be an object, not array"},
        new String[] {"{\"streams\": [{" + stream + ", \"sync_mode\": \"sometimes\"}]}",
            "streams[0].sync_mode: 'sometimes' is not one of full_refresh, incremental"},
        new String[] {"{\"streams\": [{" + stream + ", \"destination_sync_mode\": \"replace\"}]}",
            "streams[0].destination_sync_mode: 'replace' is not one of append, overwrite, append_dedup, update,"
                + " soft_delete"},
        new String[] {"{\"streams\": [{" + stream + ", \"cursor_field\": \"updated_at\"}]}",
            "streams[0].cursor_field must be an array of strings, not string \"updated_at\""},
        new String[] {"{\"streams\": [{" + stream + ", \"primary_key\": [\"id\"]}]}",
            "streams[0].primary_key[0] must be an array of strings, not string \"id\""},
        new String[] {"{\"streams\": [{" + stream + ", \"generation_id\": \"soon\"}]}",
            "streams[0].generation_id must be a whole number, not string \"soon\""},
        new String[] {"{\"streams\": [{" + stream + ", \"include_files\": 1}]}",
            "streams[0].include_files must be true or false, not number 1"},
        new String[] {"{\"streams\": [{\"stream\": {\"name\": {\"first\": 1}}}]}",
            "streams[0].stream.name must be a string, not object"},
        new String[] {"{\"streams\": [{\"stream\": {\"name\": \"u\", \"supported_sync_modes\": [\"full_refresh\", "
            + "\"never\"]}}]}", "streams[0].stream.supported_sync_modes[1]: 'never' is not one of full_refresh,"
            + " incremental"});
    for (String[] c : cases) {
      JsonNode tree = Json.parse(c[0]);
      IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
          () -> ConfiguredAirbyteCatalog.fromTree(tree));
      assertThat(e).as(c[0]).isNotNull();
      assertThat(e.getMessage()).as(c[0]).isEqualTo(c[1]);
    }
  }
}
