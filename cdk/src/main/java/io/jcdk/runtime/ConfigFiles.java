package io.jcdk.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.Connector;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import io.jcdk.spec.ConfigValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading the files a command is given, the way every command does it: problems are config errors
 * that name the option and the file. A connector's own commands reach it through {@link
 * CommandContext#config}.
 */
final class ConfigFiles {

  private ConfigFiles() {}

  /** Validates {@code raw} against {@code connectionSpecification}, then parses it. */
  static <C> C parse(Connector<C> connector, JsonNode connectionSpecification, JsonNode raw) {
    List<String> problems = new ConfigValidator(connectionSpecification).validate(raw);
    if (!problems.isEmpty()) {
      throw ConnectorException.config("The config does not match the connector's spec: "
          + String.join("; ", problems) + ". Fix these fields and run again.");
    }
    return connector.parseConfig(raw);
  }

  /** Reads a JSON file given with {@code option}. */
  static JsonNode readJson(Path file, String option) {
    try {
      JsonNode node = Json.mapper().readTree(Files.readAllBytes(file));
      if (node == null || node.isMissingNode()) {
        throw ConnectorException.config("The file given with " + option + " (" + file + ") is empty.");
      }
      return node;
    } catch (NoSuchFileException e) {
      throw ConnectorException.config("The file given with " + option + " does not exist: " + file, e);
    } catch (JsonProcessingException e) {
      throw ConnectorException.config("The file given with " + option + " (" + file + ") is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw ConnectorException.config("Cannot read the file given with " + option + " (" + file + "): " + e, e);
    }
  }
}
