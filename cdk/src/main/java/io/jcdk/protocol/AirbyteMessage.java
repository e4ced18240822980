package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** The envelope of every line a connector reads or writes; exactly one payload matches {@code type}. */
public record AirbyteMessage(
    Type type,
    AirbyteLogMessage log,
    ConnectorSpecification spec,
    AirbyteConnectionStatus connectionStatus,
    AirbyteCatalog catalog,
    AirbyteRecordMessage record,
    AirbyteStateMessage state,
    AirbyteTraceMessage trace,
    AirbyteControlMessage control,
    @JsonProperty("destination_catalog") JsonNode destinationCatalog,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteMessage {
    Objects.requireNonNull(type, "type");
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteMessage of(AirbyteRecordMessage record) {
    return new AirbyteMessage(Type.RECORD, null, null, null, null, record, null, null, null, null, null);
  }

  public static AirbyteMessage of(AirbyteStateMessage state) {
    return new AirbyteMessage(Type.STATE, null, null, null, null, null, state, null, null, null, null);
  }

  public static AirbyteMessage of(AirbyteLogMessage log) {
    return new AirbyteMessage(Type.LOG, log, null, null, null, null, null, null, null, null, null);
  }

  public static AirbyteMessage of(ConnectorSpecification spec) {
    return new AirbyteMessage(Type.SPEC, null, spec, null, null, null, null, null, null, null, null);
  }

  public static AirbyteMessage of(AirbyteConnectionStatus status) {
    return new AirbyteMessage(Type.CONNECTION_STATUS, null, null, status, null, null, null, null, null, null, null);
  }

  public static AirbyteMessage of(AirbyteCatalog catalog) {
    return new AirbyteMessage(Type.CATALOG, null, null, null, catalog, null, null, null, null, null, null);
  }

  public static AirbyteMessage of(AirbyteTraceMessage trace) {
    return new AirbyteMessage(Type.TRACE, null, null, null, null, null, null, trace, null, null, null);
  }

  public static AirbyteMessage of(AirbyteControlMessage control) {
    return new AirbyteMessage(Type.CONTROL, null, null, null, null, null, null, null, control, null, null);
  }

  public AirbyteMessage withLog(AirbyteLogMessage newLog) {
    return new AirbyteMessage(type, newLog, spec, connectionStatus, catalog, record, state, trace, control,
        destinationCatalog, additionalProperties);
  }

  public AirbyteMessage withConnectionStatus(AirbyteConnectionStatus newStatus) {
    return new AirbyteMessage(type, log, spec, newStatus, catalog, record, state, trace, control,
        destinationCatalog, additionalProperties);
  }

  public AirbyteMessage withTrace(AirbyteTraceMessage newTrace) {
    return new AirbyteMessage(type, log, spec, connectionStatus, catalog, record, state, newTrace, control,
        destinationCatalog, additionalProperties);
  }

  public enum Type {
    RECORD,
    STATE,
    LOG,
    SPEC,
    CONNECTION_STATUS,
    CATALOG,
    TRACE,
    CONTROL,
    DESTINATION_CATALOG
  }
}
