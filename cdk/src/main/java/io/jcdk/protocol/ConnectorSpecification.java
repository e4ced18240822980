package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** What {@code spec} prints: the JSON schema a config must satisfy, plus capabilities. */
public record ConnectorSpecification(
    String documentationUrl,
    String changelogUrl,
    JsonNode connectionSpecification,
    Boolean supportsIncremental,
    Boolean supportsNormalization,
    @JsonProperty("supportsDBT") Boolean supportsDbt,
    @JsonProperty("supported_destination_sync_modes") List<DestinationSyncMode> supportedDestinationSyncModes,
    JsonNode authSpecification,
    @JsonProperty("advanced_auth") JsonNode advancedAuth,
    @JsonProperty("protocol_version") String protocolVersion,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ConnectorSpecification {
    supportedDestinationSyncModes = Props.list(supportedDestinationSyncModes);
    additionalProperties = Props.extra(additionalProperties);
  }

  public static ConnectorSpecification of(JsonNode connectionSpecification) {
    return new ConnectorSpecification(
        null, null, connectionSpecification, null, null, null, null, null, null, null, null);
  }
}
