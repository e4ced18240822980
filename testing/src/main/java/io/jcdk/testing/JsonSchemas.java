package io.jcdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draft-07 JSON Schema validation as the harness uses it: for protocol messages, connector specs and
 * stream schemas.
 *
 * <p>{@code format} is not asserted: Airbyte schemas pair {@code "format": "date-time"} with
 * {@code airbyte_type: timestamp_without_timezone}, whose values have no offset and would fail a
 * strict date-time check although they are correct. References to {@code WellKnownTypes.json} are
 * inlined from the protocol's well-known types, so stream schemas that use them validate offline.
 */
public final class JsonSchemas {

  private static final String WELL_KNOWN_TYPES = "WellKnownTypes.json#/definitions/";

  /** Draft-07, with Airbyte's own keywords (airbyte_type, airbyte_secret, order, …) accepted quietly. */
  private static final JsonMetaSchema DRAFT_07 = JsonMetaSchema.builder(JsonMetaSchema.getV7())
      .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
      .build();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder.metaSchema(DRAFT_07));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
  private static final JsonSchema META_SCHEMA =
      FACTORY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"), CONFIG);
  private static final JsonNode WELL_KNOWN_DEFINITIONS = loadYaml("well_known_types.yaml").path("definitions");

  private JsonSchemas() {}

  /** Compiles a schema (WellKnownTypes references inlined); a broken schema throws IllegalArgumentException. */
  public static JsonSchema compile(JsonNode schema) {
    try {
      JsonSchema compiled = FACTORY.getSchema(inlineWellKnownTypes(schema.deepCopy()), CONFIG);
      compiled.initializeValidators();
      return compiled;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot compile the schema: " + e.getMessage(), e);
    }
  }

  /** Problems that make {@code schema} an invalid draft-07 schema; empty when it is valid. */
  public static List<String> metaSchemaProblems(JsonNode schema) {
    List<String> problems = messages(META_SCHEMA.validate(schema));
    if (problems.isEmpty()) {
      try {
        compile(schema);
      } catch (IllegalArgumentException e) {
        return List.of(e.getMessage());
      }
    }
    return problems;
  }

  /** Why {@code instance} does not satisfy {@code schema}; empty when it does. */
  public static List<String> problems(JsonSchema schema, JsonNode instance) {
    return messages(schema.validate(instance));
  }

  private static List<String> messages(Set<ValidationMessage> messages) {
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private static JsonNode inlineWellKnownTypes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(WELL_KNOWN_TYPES)) {
        JsonNode definition = WELL_KNOWN_DEFINITIONS.get(ref.asText().substring(WELL_KNOWN_TYPES.length()));
        if (definition != null) {
          object.remove("$ref");
          Iterator<Map.Entry<String, JsonNode>> fields = definition.fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!object.has(f.getKey())) {
              object.set(f.getKey(), f.getValue().deepCopy());
            }
          }
        }
      }
      object.forEach(JsonSchemas::inlineWellKnownTypes);
    } else if (node != null && node.isArray()) {
      node.forEach(JsonSchemas::inlineWellKnownTypes);
    }
    return node;
  }

  static JsonNode loadYaml(String resource) {
    try (InputStream in = JsonSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing next to " + JsonSchemas.class.getName());
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
