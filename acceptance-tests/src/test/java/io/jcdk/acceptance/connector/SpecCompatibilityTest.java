package io.jcdk.acceptance.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.Json;
import org.junit.jupiter.api.Test;

class SpecCompatibilityTest {

  private static final String PREVIOUS = """
      {"type": "object", "required": ["host"], "additionalProperties": false, "properties": {
        "host": {"type": "string"}, "port": {"type": ["integer", "string"]},
        "mode": {"type": "string", "enum": ["a", "b"]}, "legacy": {"type": "string"}}}
      """;

  @Test
  void addingAnOptionalFieldIsCompatible() {
    var current = Json.parse(PREVIOUS.replace("\"legacy\"", "\"new_field\": {\"type\": \"string\"}, \"legacy\""));

    assertThat(SpecCompatibility.breakingChanges(Json.parse(PREVIOUS), current)).isEmpty();
  }

  @Test
  void everyBreakingChangeIsNamed() {
    var current = Json.parse("""
        {"type": "object", "required": ["host", "database"], "additionalProperties": false, "properties": {
          "host": {"type": "string"}, "port": {"type": "integer"}, "database": {"type": "string"},
          "mode": {"type": "string", "enum": ["a"]}}}
        """);

    assertThat(SpecCompatibility.breakingChanges(Json.parse(PREVIOUS), current)).containsExactlyInAnyOrder(
        "'database' is newly required: configs written for the previous spec lack it",
        "'port' no longer accepts type(s) [string]",
        "'mode' no longer accepts the value \"b\"",
        "'legacy' was removed while additionalProperties is false");
  }
}
