package io.jcdk.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

  private static final JsonNode SPEC = Json.parse("""
      {"type":"object","properties":{
        "password":{"type":"string","airbyte_secret":true},
        "host":{"type":"string"},
        "tunnel_method":{"type":"object","oneOf":[
          {"properties":{"tunnel_method":{"const":"NO_TUNNEL"}}},
          {"properties":{"tunnel_method":{"const":"SSH_KEY_AUTH"},"ssh_key":{"type":"string","airbyte_secret":true}}}]},
        "keys":{"type":"array","items":{"type":"object","properties":{"secret":{"type":"string","airbyte_secret":true}}}}
      }}""");

  @Test
  void findsSecretsInPropertiesOneOfBranchesAndArrays() {
    assertThat(Secrets.paths(SPEC)).containsExactlyInAnyOrder(
        List.of("password"), List.of("tunnel_method", "ssh_key"), List.of("keys", "[]", "secret"));
  }

  @Test
  void masksEveryOccurrenceOfEverySecretValue() {
    JsonNode config = Json.parse("""
        {"password":"hunter2","host":"db.example.com",
         "tunnel_method":{"tunnel_method":"SSH_KEY_AUTH","ssh_key":"-----BEGIN KEY-----\\nabc"},
         "keys":[{"secret":"s3cr3t-one"},{"secret":"s3cr3t-two"}]}""");
    Secrets secrets = Secrets.of(SPEC, config);
    String masked = secrets.apply("login hunter2@db.example.com with s3cr3t-one, s3cr3t-two and -----BEGIN KEY-----\nabc; hunter2");
    assertThat(masked)
        .doesNotContain("hunter2", "s3cr3t", "BEGIN KEY")
        .contains("db.example.com")
        .isEqualTo("login **********@db.example.com with **********, ********** and **********; **********");
  }

  @Test
  void longerSecretsAreMaskedWholeEvenWhenTheyContainAShorterOne() {
    JsonNode spec = Json.parse("{\"properties\":{\"a\":{\"airbyte_secret\":true},\"b\":{\"airbyte_secret\":true}}}");
    Secrets secrets = Secrets.of(spec, Json.parse("{\"a\":\"pass\",\"b\":\"password123\"}"));
    assertThat(secrets.apply("password123 pass")).isEqualTo("********** **********");
  }

  @Test
  void configWithoutSecretsChangesNothing() {
    Secrets secrets = Secrets.of(SPEC, Json.parse("{\"host\":\"h\"}"));
    assertThat(secrets.isEmpty()).isTrue();
    assertThat(secrets.apply("h")).isEqualTo("h");
  }

  @Test
  void aSecretPrintsItsFieldNameButNeverItsValue() {
    Secret token = Secret.of("credentials.api_token", "tok_123456");
    record Config(String host, Secret apiToken) {}
    assertThat(new Config("h", token).toString()).doesNotContain("tok_123456").contains("credentials.api_token");
    assertThat(token.value()).isEqualTo("tok_123456");
  }
}
