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

  /**
   * One line per problem, sorted by field; empty when the config is valid. A failed choice
   * ({@code oneOf}) names only the branch the config chose; see {@link OneOfChoices}.
   */
  public List<String> validate(JsonNode config) {
    Set<ValidationMessage> messages = schema.validate(config);
    return OneOfChoices.lines(messages).stream().sorted().distinct().toList();
  }
}
