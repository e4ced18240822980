package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a stream. {@code data} stays raw bytes (see {@link RawJson}) so that a connector
 * which only moves records never builds a tree for them.
 */
public record AirbyteRecordMessage(
    String namespace,
    String stream,
    RawJson data,
    @JsonProperty("emitted_at") long emittedAt,
    Meta meta,
    @JsonProperty("file_reference") JsonNode fileReference,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteRecordMessage {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(data, "data");
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteRecordMessage of(StreamDescriptor stream, RawJson data, long emittedAt) {
    return new AirbyteRecordMessage(stream.namespace(), stream.name(), data, emittedAt, null, null, null);
  }

  public static AirbyteRecordMessage of(StreamDescriptor stream, JsonNode data) {
    return of(stream, RawJson.of(data), System.currentTimeMillis());
  }

  @JsonIgnore
  public StreamDescriptor descriptor() {
    return StreamDescriptor.of(namespace, stream);
  }

  public AirbyteRecordMessage withMeta(Meta newMeta) {
    return new AirbyteRecordMessage(namespace, stream, data, emittedAt, newMeta, fileReference, additionalProperties);
  }

  /** Changes the connector made to a record's content (fields nulled or truncated). */
  public record Meta(
      java.util.List<Change> changes,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public Meta {
      changes = Props.list(changes);
      additionalProperties = Props.extra(additionalProperties);
    }

    public static Meta of(Change... changes) {
      return new Meta(java.util.List.of(changes), null);
    }
  }

  public record Change(
      String field,
      ChangeType change,
      Reason reason,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public Change {
      additionalProperties = Props.extra(additionalProperties);
    }

    public static Change of(String field, ChangeType change, Reason reason) {
      return new Change(field, change, reason, null);
    }
  }

  public enum ChangeType {
    NULLED,
    TRUNCATED
  }

  public enum Reason {
    SOURCE_RECORD_SIZE_LIMITATION,
    DESTINATION_RECORD_SIZE_LIMITATION,
    PLATFORM_RECORD_SIZE_LIMITATION,
    SOURCE_FIELD_SIZE_LIMITATION,
    DESTINATION_FIELD_SIZE_LIMITATION,
    PLATFORM_FIELD_SIZE_LIMITATION,
    SOURCE_SERIALIZATION_ERROR,
    DESTINATION_SERIALIZATION_ERROR,
    PLATFORM_SERIALIZATION_ERROR,
    SOURCE_RETRIEVAL_ERROR,
    DESTINATION_TYPECAST_ERROR
  }
}
