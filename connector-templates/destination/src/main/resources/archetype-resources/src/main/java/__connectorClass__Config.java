package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * The config a user gives (its fields are described in {@code spec.json}), parsed once. The kit has
 * already validated it against the spec.
 *
 * @param directory where the streams' files live ({@code directory})
 */
public record ${connectorClass}Config(Path directory) {

  public static ${connectorClass}Config parse(JsonNode config) {
    // TODO(connector): one line per field of spec.json; ConnectorException.config names the field for what the schema cannot check
    return new ${connectorClass}Config(Path.of(config.get("directory").asText()).toAbsolutePath());
  }
}
