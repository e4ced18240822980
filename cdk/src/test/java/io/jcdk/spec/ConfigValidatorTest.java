package io.jcdk.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.Json;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  private final ConfigValidator validator = new ConfigValidator(Json.parse("""
      {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","required":["host","port"],
       "properties":{"host":{"type":"string"},"port":{"type":"integer","minimum":1,"maximum":65535},
       "mode":{"type":"string","enum":["a","b"]}}}"""));

  /** Two oneOf objects shaped like Airbyte's: a const discriminator in every branch. */
  private final ConfigValidator choices = new ConfigValidator(Json.parse("""
      {"type":"object","properties":{
        "ssl_mode":{"type":"object","oneOf":[
          {"required":["mode"],"properties":{"mode":{"type":"string","const":"disable"}}},
          {"required":["mode"],"properties":{"mode":{"type":"string","const":"require"}}},
          {"required":["mode","ca_certificate"],"properties":{"mode":{"type":"string","const":"verify-ca"},
            "ca_certificate":{"type":"string"}}},
          {"required":["mode","ca_certificate"],"properties":{"mode":{"type":"string","const":"verify-full"},
            "ca_certificate":{"type":"string"}}}]},
        "tunnel_method":{"type":"object","oneOf":[
          {"required":["tunnel_method"],"properties":{"tunnel_method":{"type":"string","const":"NO_TUNNEL"}}},
          {"required":["tunnel_method","tunnel_host","tunnel_port"],"properties":{
            "tunnel_method":{"type":"string","const":"SSH_KEY_AUTH"},"tunnel_host":{"type":"string"},
            "tunnel_port":{"type":"integer"},
            "auth":{"type":"object","oneOf":[
              {"required":["kind"],"properties":{"kind":{"const":"key"}}},
              {"required":["kind","password"],"properties":{"kind":{"const":"password"},
                "password":{"type":"string"}}}]}}},
          {"required":["tunnel_method","tunnel_host","tunnel_port","tunnel_user_password"],"properties":{
            "tunnel_method":{"type":"string","const":"SSH_PASSWORD_AUTH"},"tunnel_host":{"type":"string"},
            "tunnel_port":{"type":"integer"},"tunnel_user_password":{"type":"string"}}}]}}}"""));

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

  @Test
  void oneOfErrorNamesOnlyTheBranchTheDiscriminatorChose() {
    assertThat(choices.validate(Json.parse("{\"ssl_mode\":{\"mode\":\"verify-ca\"}}")))
        .containsExactly("field 'ssl_mode': required property 'ca_certificate' not found (as ssl_mode.mode is 'verify-ca')");
    assertThat(choices.validate(Json.parse("""
        {"tunnel_method":{"tunnel_method":"SSH_KEY_AUTH","tunnel_host":"h","tunnel_port":"22"}}""")))
        .containsExactly("field 'tunnel_method.tunnel_port': string found, integer expected"
            + " (as tunnel_method.tunnel_method is 'SSH_KEY_AUTH')");
  }

  @Test
  void oneOfErrorListsTheAllowedValuesWhenNoBranchMatches() {
    assertThat(choices.validate(Json.parse("{\"ssl_mode\":{\"mode\":\"enable\"}}")))
        .containsExactly("field 'ssl_mode.mode': must be one of 'disable', 'require', 'verify-ca', 'verify-full'");
    assertThat(choices.validate(Json.parse("{\"ssl_mode\":{}}")))
        .containsExactly("field 'ssl_mode': required property 'mode' not found;"
            + " it must be one of 'disable', 'require', 'verify-ca', 'verify-full'");
  }

  @Test
  void nestedOneOfIsNarrowedInsideTheChosenBranch() {
    assertThat(choices.validate(Json.parse("""
        {"tunnel_method":{"tunnel_method":"SSH_KEY_AUTH","tunnel_host":"h","tunnel_port":22,
         "auth":{"kind":"password"}}}""")))
        .containsExactly("field 'tunnel_method.auth': required property 'password' not found"
            + " (as tunnel_method.auth.kind is 'password')");
    assertThat(choices.validate(Json.parse("""
        {"tunnel_method":{"tunnel_method":"SSH_KEY_AUTH","tunnel_host":"h","tunnel_port":22,"auth":{"kind":"x"}}}""")))
        .containsExactly("field 'tunnel_method.auth.kind': must be one of 'key', 'password'");
  }

  @Test
  void validChoicesHaveNoProblems() {
    assertThat(choices.validate(Json.parse("""
        {"ssl_mode":{"mode":"verify-full","ca_certificate":"PEM"},"tunnel_method":{"tunnel_method":"NO_TUNNEL"}}""")))
        .isEmpty();
  }
}
