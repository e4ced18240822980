package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Asks the platform to persist an updated connector config (for example a refreshed token). */
public record AirbyteControlMessage(
    Type type,
    @JsonProperty("emitted_at") double emittedAt,
    ConnectorConfig connectorConfig,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteControlMessage {
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteControlMessage ofConfig(JsonNode config) {
    return new AirbyteControlMessage(
        Type.CONNECTOR_CONFIG, System.currentTimeMillis(), new ConnectorConfig(config, null), null);
  }

  public enum Type {
    CONNECTOR_CONFIG
  }

  public record ConnectorConfig(
      JsonNode config, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public ConnectorConfig {
      additionalProperties = Props.extra(additionalProperties);
    }
  }
}
