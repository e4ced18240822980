package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A stream a source offers, as {@code discover} reports it. */
public record AirbyteStream(
    String name,
    @JsonProperty("json_schema") JsonNode jsonSchema,
    @JsonProperty("supported_sync_modes") List<SyncMode> supportedSyncModes,
    @JsonProperty("source_defined_cursor") Boolean sourceDefinedCursor,
    @JsonProperty("default_cursor_field") List<String> defaultCursorField,
    @JsonProperty("source_defined_primary_key") List<List<String>> sourceDefinedPrimaryKey,
    String namespace,
    @JsonProperty("is_resumable") Boolean isResumable,
    @JsonProperty("is_file_based") Boolean isFileBased,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteStream {
    supportedSyncModes = Props.list(supportedSyncModes);
    defaultCursorField = Props.list(defaultCursorField);
    sourceDefinedPrimaryKey = Props.list(sourceDefinedPrimaryKey);
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteStream of(StreamDescriptor descriptor, JsonNode jsonSchema, List<SyncMode> modes) {
    return new AirbyteStream(
        descriptor.name(), jsonSchema, modes, null, null, null, descriptor.namespace(), null, null, null);
  }

  @JsonIgnore
  public StreamDescriptor descriptor() {
    return StreamDescriptor.of(namespace, name);
  }

  public AirbyteStream withPrimaryKey(List<List<String>> primaryKey) {
    return new AirbyteStream(name, jsonSchema, supportedSyncModes, sourceDefinedCursor, defaultCursorField,
        primaryKey, namespace, isResumable, isFileBased, additionalProperties);
  }

  public AirbyteStream withCursor(boolean sourceDefined, List<String> defaultCursor) {
    return new AirbyteStream(name, jsonSchema, supportedSyncModes, sourceDefined, defaultCursor,
        sourceDefinedPrimaryKey, namespace, isResumable, isFileBased, additionalProperties);
  }

  public AirbyteStream withResumable(boolean resumable) {
    return new AirbyteStream(name, jsonSchema, supportedSyncModes, sourceDefinedCursor, defaultCursorField,
        sourceDefinedPrimaryKey, namespace, resumable, isFileBased, additionalProperties);
  }
}
