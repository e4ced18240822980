package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrimaryKeyTest {

  private final PrimaryKey composite =
      new PrimaryKey(StreamDescriptor.of("shop", "orders"), List.of(List.of("region"), List.of("id")));

  private static PrimaryKey.Keyed keyOf(PrimaryKey key, String json) {
    return key.keyOf(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void compositeKeyIsTheJsonArrayOfTheValuesInKeyOrder() {
    assertThat(keyOf(composite, "{\"id\":7,\"region\":\"eu\",\"x\":1}").key()).isEqualTo("[\"eu\",7]");
  }

  @Test
  void nestedPathsReachIntoObjects() {
    PrimaryKey nested = new PrimaryKey(StreamDescriptor.of("s"), List.of(List.of("meta", "uuid"), List.of("meta")));
    assertThat(keyOf(nested, "{\"meta\":{\"x\":[1,{\"uuid\":0}],\"uuid\":\"a-b\"}}").key())
        .isEqualTo("[\"a-b\",{\"x\":[1,{\"uuid\":0}],\"uuid\":\"a-b\"}]");
  }

  @Test
  void valuesThatLookAlikeAsTextStayDistinct() {
    PrimaryKey two = new PrimaryKey(StreamDescriptor.of("s"), List.of(List.of("a"), List.of("b")));
    assertThat(keyOf(two, "{\"a\":\"x,y\",\"b\":\"z\"}").key()).isNotEqualTo(keyOf(two, "{\"a\":\"x\",\"b\":\"y,z\"}").key());
    assertThat(keyOf(two, "{\"a\":1,\"b\":\"2\"}").key()).isNotEqualTo(keyOf(two, "{\"a\":\"1\",\"b\":2}").key());
  }

  @Test
  void aMissingKeyFieldIsAnErrorNamingStreamAndField() {
    assertThatThrownBy(() -> keyOf(composite, "{\"region\":\"eu\",\"name\":\"n\"}"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("stream 'shop.orders'")
        .hasMessageContaining("primary key field id")
        .hasMessageContaining("[region, name]");
    assertThatThrownBy(() -> keyOf(composite, "{\"region\":\"eu\",\"id\":null}"))
        .hasMessageContaining("primary key field id");
  }

  @Test
  void aRecordIsADeletionWhenCdcDeletedAtIsSet() {
    PrimaryKey id = new PrimaryKey(StreamDescriptor.of("s"), List.of(List.of("id")));
    assertThat(keyOf(id, "{\"id\":1,\"_ab_cdc_deleted_at\":\"2024-01-01T00:00:00Z\"}").deletion()).isTrue();
    assertThat(keyOf(id, "{\"id\":1,\"_ab_cdc_deleted_at\":null}").deletion()).isFalse();
    assertThat(keyOf(id, "{\"id\":1,\"x\":{\"_ab_cdc_deleted_at\":1}}").deletion()).isFalse();
    assertThat(keyOf(id, "{\"id\":1}").deletion()).isFalse();
  }

  /**
   * The key text is what building the record as a tree gave (keys already stored must still
   * match), for numbers in every form, escapes, unicode and nested values.
   */
  @Test
  void keysAreTheTextATreeOfTheRecordGives() {
    Random random = new Random(12);
    PrimaryKey key = new PrimaryKey(StreamDescriptor.of("s"), List.of(List.of("k"), List.of("o", "k"), List.of("o", "n")));
    String[] numbers = {"0", "-0", "1.50", "1e2", "-1.0E-7", "12345678901234567890123", "0.1000000000000000055511151231257827"};
    for (int i = 0; i < 2_000; i++) {
      ObjectNode data = Json.object();
      data.set("pad", Json.mapper().getNodeFactory().textNode("x".repeat(random.nextInt(50))));
      data.set("k", random.nextBoolean() ? Json.parse(numbers[random.nextInt(numbers.length)])
          : Json.mapper().getNodeFactory().textNode("é\"\n\u0001😀" + random.nextInt()));
      ObjectNode o = data.putObject("o");
      o.put("k", random.nextBoolean());
      o.set("n", random.nextBoolean() ? Json.parse("{\"a\":[1.50,\"b\"]}") : Json.parse(numbers[random.nextInt(numbers.length)]));
      String text = random.nextBoolean() ? Json.write(data) : data.toPrettyString();
      assertThat(keyOf(key, text).key()).as(text).isEqualTo(treeKey(key, Json.parse(text)));
    }
  }

  /** How keys were made before: the record as a tree, the values at the paths in an array. */
  private static String treeKey(PrimaryKey key, JsonNode data) {
    ArrayNode values = Json.mapper().createArrayNode();
    for (List<String> path : key.paths()) {
      JsonNode value = data;
      for (String field : path) {
        value = value.get(field);
      }
      values.add(value);
    }
    return Json.write(values);
  }
}
