package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The config a user gives (its fields are described in {@code spec.json}), parsed once. The kit has
 * already validated it against the spec: required fields are there and have the right types.
 *
 * @param apiKey the credential ({@code api_key}, a secret: the kit masks it in every log line)
 * @param startDate where a first incremental read starts ({@code start_date}); empty: from the beginning
 */
public record ${connectorClass}Config(String apiKey, Optional<Instant> startDate) {

  public static ${connectorClass}Config parse(JsonNode config) {
    // TODO(connector): one line per field of spec.json; ConnectorException.config names the field for what the schema cannot check
    return new ${connectorClass}Config(config.get("api_key").asText(), instant(config, "start_date"));
  }

  private static Optional<Instant> instant(JsonNode config, String field) {
    JsonNode value = config.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.asText()));
    } catch (DateTimeParseException e) {
      throw ConnectorException.config("The field '" + field + "' must be a UTC date-time like 2024-01-31T00:00:00Z, was '"
          + value.asText() + "'.", e);
    }
  }
}
