package io.jcdk.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.Json;
import org.junit.jupiter.api.Test;

class SpecsTest {

  @Test
  void aSpecReadFieldByFieldIsTheSpecDataBindingReads() throws Exception {
    JsonNode full = Json.parse("""
        {"documentationUrl": "https://example.com/docs", "changelogUrl": "https://example.com/log",
         "connectionSpecification": {"type": "object", "required": ["host"],
           "properties": {"host": {"type": "string", "order": 0}}},
         "supportsIncremental": true, "supportsNormalization": false, "supportsDBT": false,
         "supported_destination_sync_modes": ["append", "overwrite", "append_dedup", "update", "soft_delete"],
         "authSpecification": {"auth_type": "oauth2.0"}, "advanced_auth": {"auth_flow_type": "oauth2.0"},
         "protocol_version": "0.2.0", "x-unknown": {"kept": [1, "two", null, 3.25]}, "another": "field"}
        """);
    JsonNode minimal = Json.parse("{\"connectionSpecification\": {\"type\": \"object\"}}");
    for (JsonNode spec : new JsonNode[] {full, minimal}) {
      ConnectorSpecification bound = Json.mapper().treeToValue(spec, ConnectorSpecification.class);
      ConnectorSpecification read = ConnectorSpecification.fromTree(spec);
      // The same JSON; unknown fields now keep the file's order (data binding reversed it).
      assertThat(Json.mapper().<JsonNode>valueToTree(AirbyteMessage.of(read)))
          .isEqualTo(Json.mapper().valueToTree(AirbyteMessage.of(bound)));
    }
    assertThat(Json.mapper().writeValueAsString(ConnectorSpecification.fromTree(full)))
        .contains("\"x-unknown\":{\"kept\":[1,\"two\",null,3.25]},\"another\":\"field\"");
  }

  @Test
  void aSpecResourceIsReadWithItsUnknownFields() {
    ConnectorSpecification spec = Specs.fromResource(SpecsTest.class, "/test-source-spec.json");
    assertThat(spec.connectionSpecification().path("type").asText()).isEqualTo("object");
  }
}
