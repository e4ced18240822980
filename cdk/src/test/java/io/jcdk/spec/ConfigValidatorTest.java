package io.jcdk.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.Json;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  private final ConfigValidator validator = new ConfigValidator(Json.parse("""
      {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","required":["host","port"],
       "properties":{"host":{"type":"string"},"port":{"type":"integer","minimum":1,"maximum":65535},
       "mode":{"type":"string","enum":["a","b"]}}}"""));

  @Test
  void validConfigHasNoProblems() {
    assertThat(validator.validate(Json.parse("{\"host\":\"h\",\"port\":5432}"))).isEmpty();
  }

  @Test
  void eachProblemNamesItsField() {
    var problems = validator.validate(Json.parse("{\"port\":\"5432\",\"mode\":\"c\"}"));
    assertThat(problems).hasSize(3);
    assertThat(problems).containsExactly(
        "field 'mode': does not have a value in the enumeration [\"a\", \"b\"]",
        "field 'port': string found, integer expected",
        "required property 'host' not found");
  }
}
