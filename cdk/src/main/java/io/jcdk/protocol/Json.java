package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one configured Jackson mapper of the kit.
 *
 * <p>Jackson caps strings at 20 MB by default; connectors move records of hundreds of megabytes, so
 * string and document limits are lifted here and nowhere else.
 */
public final class Json {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // A key twice in one object reads as the last one here and as the first one elsewhere.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNumberLength(100_000)
                  .maxNestingDepth(5_000)
                  .build())
          .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(5_000).build())
          .build();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Decimals keep every digit and their scale: numeric(38,10) must not become a double.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonFactory factory() {
    return FACTORY;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * An array of the strings, built directly: {@code valueToTree} would build data binding's
   * serializers, which cost the first call of a process 20–90 ms.
   */
  public static ArrayNode strings(List<String> strings) {
    ArrayNode array = MAPPER.createArrayNode();
    strings.forEach(array::add);
    return array;
  }

  /** Parses JSON text; a syntax error becomes an {@link IllegalArgumentException} naming the location. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  public static <T> T convert(Object value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  /** Reads a JSON file; the caller classifies failures (a missing config file is a config error). */
  public static JsonNode readFile(Path path) throws IOException {
    return MAPPER.readTree(Files.readAllBytes(path));
  }
}
