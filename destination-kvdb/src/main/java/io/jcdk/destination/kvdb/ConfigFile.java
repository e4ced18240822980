package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import io.jcdk.spec.ConfigValidator;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@code --config} for the extra commands ({@code dump}, {@code stats}) the way the runtime
 * does for its own: read, validate against the spec, parse.
 */
final class ConfigFile {

  private ConfigFile() {}

  static KvdbConfig load(KvdbDestination destination, Path file) {
    JsonNode raw;
    try {
      raw = Json.readFile(file);
    } catch (NoSuchFileException e) {
      throw ConnectorException.config("The file given with --config does not exist: " + file, e);
    } catch (JsonProcessingException e) {
      throw ConnectorException.config("The file given with --config (" + file + ") is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw ConnectorException.config("Cannot read the file given with --config (" + file + "): " + e, e);
    }
    List<String> problems = new ConfigValidator(destination.spec().connectionSpecification()).validate(raw);
    if (!problems.isEmpty()) {
      throw ConnectorException.config("The config does not match the connector's spec: "
          + String.join("; ", problems) + ". Fix these fields and run again.");
    }
    return destination.parseConfig(raw);
  }
}
