package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.spec.Secret;

/**
 * The config a user gives (its fields are described in {@code spec.json}), parsed once. The kit has
 * already validated it against the spec.
 *
 * @param baseUrl the API's root ({@code base_url}), e.g. {@code https://api.example.com/v1}
 * @param apiToken the bearer token ({@code api_token}); a {@link Secret}: never printed, and an answer
 *     of 401 or 403 is a config error naming this field
 * @param startDate where a first incremental sync starts ({@code start_date}; null: from the beginning)
 */
public record ${connectorClass}Config(String baseUrl, Secret apiToken, String startDate) {

  public static ${connectorClass}Config parse(JsonNode config) {
    // TODO(connector): one line per field of spec.json
    return new ${connectorClass}Config(
        config.get("base_url").asText(),
        Secret.of("api_token", config.get("api_token").asText()),
        config.path("start_date").asText(null));
  }
}
