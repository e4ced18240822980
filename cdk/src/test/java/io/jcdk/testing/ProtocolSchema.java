package io.jcdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official Airbyte protocol schema (test fixture, MIT), as a validator of message lines. */
public final class ProtocolSchema {

  private static final JsonSchema MESSAGE = load();

  private ProtocolSchema() {}

  private static JsonSchema load() {
    try (InputStream in = ProtocolSchema.class.getResourceAsStream("/airbyte-protocol/airbyte_protocol.yaml")) {
      ObjectNode root = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in);
      root.remove("properties");
      root.put("$ref", "#/definitions/AirbyteMessage");
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(root, SchemaValidatorsConfig.builder().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problems with one stdout line; empty when it is a valid AirbyteMessage. */
  public static List<String> problems(String line) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(line);
    } catch (IOException e) {
      return List.of("not JSON: " + line);
    }
    return MESSAGE.validate(node).stream().map(m -> m.getMessage()).toList();
  }
}
