package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The specification a {@code spec.json} tree holds, read field by field: the same value data
   * binding gives (unknown fields kept, as trees), without building a deserializer for the record,
   * which cost a tenth of a second of every process's start.
   */
  public static ConnectorSpecification fromTree(JsonNode spec) {
    List<DestinationSyncMode> modes = null;
    JsonNode modeNames = spec.get("supported_destination_sync_modes");
    if (modeNames != null && !modeNames.isNull()) {
      modes = new ArrayList<>();
      for (JsonNode name : modeNames) {
        modes.add(DestinationSyncMode.fromValue(name.asText()));
      }
    }
    return new ConnectorSpecification(text(spec, "documentationUrl"), text(spec, "changelogUrl"),
        tree(spec, "connectionSpecification"), bool(spec, "supportsIncremental"), bool(spec, "supportsNormalization"),
        bool(spec, "supportsDBT"), modes, tree(spec, "authSpecification"), tree(spec, "advanced_auth"),
        text(spec, "protocol_version"), Props.unknownFields(spec, KNOWN_FIELDS));
  }

  private static final Set<String> KNOWN_FIELDS = Set.of("documentationUrl", "changelogUrl", "connectionSpecification",
      "supportsIncremental", "supportsNormalization", "supportsDBT", "supported_destination_sync_modes",
      "authSpecification", "advanced_auth", "protocol_version");

  private static String text(JsonNode spec, String field) {
    JsonNode v = spec.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Boolean bool(JsonNode spec, String field) {
    JsonNode v = spec.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }

  private static JsonNode tree(JsonNode spec, String field) {
    JsonNode v = spec.get(field);
    return v == null || v.isNull() ? null : v;
  }

  public static ConnectorSpecification of(JsonNode connectionSpecification) {
    return new ConnectorSpecification(
        null, null, connectionSpecification, null, null, null, null, null, null, null, null);
  }
}
