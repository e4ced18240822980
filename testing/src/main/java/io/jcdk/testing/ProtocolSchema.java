package io.jcdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The official Airbyte protocol schema ({@code airbyte_protocol.yaml}, MIT-licensed, copied with its
 * LICENSE), used to judge every line a connector prints: by the acceptance harness, and by a
 * connector's own tests ({@code assertThat(ProtocolSchema.problems(line)).isEmpty()}).
 */
public final class ProtocolSchema {

  private static final ProtocolSchema INSTANCE = new ProtocolSchema();

  private final JsonSchema message;
  private final JsonSchema configuredCatalog;

  private ProtocolSchema() {
    JsonNode root = JsonSchemas.loadYaml("airbyte_protocol.yaml");
    this.message = JsonSchemas.compile(entryPoint(root, "AirbyteMessage"));
    this.configuredCatalog = JsonSchemas.compile(entryPoint(root, "ConfiguredAirbyteCatalog"));
  }

  public static ProtocolSchema get() {
    return INSTANCE;
  }

  /** Why one stdout line is not a valid protocol message; empty when it is. */
  public static List<String> problems(String line) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(line);
    } catch (IOException e) {
      return List.of("not JSON: " + line);
    }
    return INSTANCE.messageProblems(node);
  }

  /**
   * Why {@code message} is not a valid protocol message; empty when it is. Beyond the schema, the
   * payload that {@code type} names must be present (the schema cannot say so).
   */
  public List<String> messageProblems(JsonNode node) {
    List<String> problems = new ArrayList<>(JsonSchemas.problems(message, node));
    JsonNode type = node.get("type");
    if (problems.isEmpty() && type != null && type.isTextual()) {
      String payload = payloadField(type.asText());
      if (!node.path(payload).isObject()) {
        problems.add("a " + type.asText() + " message needs an object '" + payload + "'");
      }
    }
    return problems;
  }

  /** Why {@code catalog} is not a valid ConfiguredAirbyteCatalog; empty when it is. */
  public List<String> configuredCatalogProblems(JsonNode catalog) {
    return JsonSchemas.problems(configuredCatalog, catalog);
  }

  private static String payloadField(String type) {
    return switch (type) {
      case "CONNECTION_STATUS" -> "connectionStatus";
      case "DESTINATION_CATALOG" -> "destination_catalog";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }

  /** The protocol document with a root {@code $ref} to one definition: validates exactly that type. */
  private static JsonNode entryPoint(JsonNode root, String definition) {
    ObjectNode schema = ((ObjectNode) root).deepCopy();
    schema.remove("properties");
    schema.remove("type");
    schema.remove("$id");
    schema.put("$ref", "#/definitions/" + definition);
    return schema;
  }
}
