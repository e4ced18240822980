package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A stream as the user configured it: which sync mode, cursor and primary key to use. */
public record ConfiguredAirbyteStream(
    AirbyteStream stream,
    @JsonProperty("sync_mode") SyncMode syncMode,
    @JsonProperty("cursor_field") List<String> cursorField,
    @JsonProperty("destination_sync_mode") DestinationSyncMode destinationSyncMode,
    @JsonProperty("destination_object_name") String destinationObjectName,
    @JsonProperty("primary_key") List<List<String>> primaryKey,
    @JsonProperty("generation_id") Long generationId,
    @JsonProperty("minimum_generation_id") Long minimumGenerationId,
    @JsonProperty("sync_id") Long syncId,
    @JsonProperty("include_files") Boolean includeFiles,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ConfiguredAirbyteStream {
    cursorField = Props.list(cursorField);
    primaryKey = Props.list(primaryKey);
    additionalProperties = Props.extra(additionalProperties);
  }

  public static ConfiguredAirbyteStream of(
      AirbyteStream stream, SyncMode syncMode, DestinationSyncMode destinationSyncMode) {
    return new ConfiguredAirbyteStream(
        stream, syncMode, null, destinationSyncMode, null, null, null, null, null, null, null);
  }

  @JsonIgnore
  public StreamDescriptor descriptor() {
    return stream.descriptor();
  }

  public ConfiguredAirbyteStream withCursorField(List<String> cursor) {
    return new ConfiguredAirbyteStream(stream, syncMode, cursor, destinationSyncMode, destinationObjectName,
        primaryKey, generationId, minimumGenerationId, syncId, includeFiles, additionalProperties);
  }

  public ConfiguredAirbyteStream withPrimaryKey(List<List<String>> key) {
    return new ConfiguredAirbyteStream(stream, syncMode, cursorField, destinationSyncMode, destinationObjectName,
        key, generationId, minimumGenerationId, syncId, includeFiles, additionalProperties);
  }

  public ConfiguredAirbyteStream withGeneration(long generation, long minimumGeneration, long sync) {
    return new ConfiguredAirbyteStream(stream, syncMode, cursorField, destinationSyncMode, destinationObjectName,
        primaryKey, generation, minimumGeneration, sync, includeFiles, additionalProperties);
  }

  /** The cursor to use: the user's choice, else the source's default. */
  @JsonIgnore
  public List<String> effectiveCursorField() {
    if (cursorField != null && !cursorField.isEmpty()) {
      return cursorField;
    }
    return stream.defaultCursorField() == null ? List.of() : stream.defaultCursorField();
  }

  /** The primary key to use: the user's choice, else the source's. */
  @JsonIgnore
  public List<List<String>> effectivePrimaryKey() {
    if (primaryKey != null && !primaryKey.isEmpty()) {
      return primaryKey;
    }
    return stream.sourceDefinedPrimaryKey() == null ? List.of() : stream.sourceDefinedPrimaryKey();
  }
}
