package io.jcdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.Json;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

  @Test
  void wellKnownTypesAreResolvedOffline() {
    var schema = JsonSchemas.compile(Json.parse("""
        {"type": "object", "properties": {"at": {"$ref": "WellKnownTypes.json#/definitions/TimestampWithTimezone"}}}
        """));

    assertThat(JsonSchemas.problems(schema, Json.parse("{\"at\": \"2024-01-01T00:00:00Z\"}"))).isEmpty();
    assertThat(JsonSchemas.problems(schema, Json.parse("{\"at\": \"yesterday\"}"))).singleElement().asString()
        .contains("/at");
  }

  @Test
  void invalidSchemaIsReportedAgainstTheMetaSchema() {
    assertThat(JsonSchemas.metaSchemaProblems(Json.parse("{\"type\": \"strng\"}"))).isNotEmpty();
    assertThat(JsonSchemas.metaSchemaProblems(Json.parse(
        "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"airbyte_secret\": true}}}")))
        .isEmpty();
  }

  @Test
  void legacyStateIsSchemaValidButTypedStateWithoutItsPayloadIsNot() {
    assertThat(ProtocolSchema.get().messageProblems(Json.parse("{\"type\":\"STATE\",\"state\":{\"data\":{}}}")))
        .isEmpty();
    assertThat(ProtocolSchema.get().messageProblems(Json.parse("{\"type\":\"SPEC\",\"spec\":{}}")))
        .singleElement().asString().contains("connectionSpecification");
  }
}
