package io.jcdk.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;

/**
 * Validates configs against a spec's {@code connectionSpecification} (JSON Schema draft-07).
 *
 * <p>Messages name the field ({@code $.replication_method.method}) and what is wrong, never the
 * value, so a secret typed into the wrong field is not echoed back.
 */
public final class ConfigValidator {

  private final JsonSchema schema;

  /**
   * Specs carry UI keywords ({@code airbyte_secret}, {@code order}, {@code group}, ...) that are no
   * part of draft-07; they are annotations here, not warnings in every run's log.
   */
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory
      .builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
      .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV7())
          .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
          .build())
      .build();

  public ConfigValidator(JsonNode connectionSpecification) {
    this.schema = FACTORY.getSchema(connectionSpecification, SchemaValidatorsConfig.builder().build());
  }

  /** One line per problem, sorted by field; empty when the config is valid. */
  public List<String> validate(JsonNode config) {
    Set<ValidationMessage> messages = schema.validate(config);
    return messages.stream().map(ConfigValidator::describe).sorted().distinct().toList();
  }

  /** "field 'tunnel_method.tunnel_port': string found, integer expected". */
  private static String describe(ValidationMessage m) {
    String pointer = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
    String field = pointer.replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
    String error = m.getError() != null ? m.getError() : m.getMessage();
    return field.isEmpty() ? error : "field '" + field + "': " + error;
  }
}
