package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimaryKeyTest {

  private final PrimaryKey composite =
      new PrimaryKey(StreamDescriptor.of("shop", "orders"), List.of(List.of("region"), List.of("id")));

  @Test
  void compositeKeyIsTheJsonArrayOfTheValuesInKeyOrder() {
    assertThat(composite.keyOf(Json.parse("{\"id\":7,\"region\":\"eu\",\"x\":1}"))).isEqualTo("[\"eu\",7]");
  }

  @Test
  void nestedPathsReachIntoObjects() {
    PrimaryKey nested = new PrimaryKey(StreamDescriptor.of("s"), List.of(List.of("meta", "uuid")));
    assertThat(nested.keyOf(Json.parse("{\"meta\":{\"uuid\":\"a-b\"}}"))).isEqualTo("[\"a-b\"]");
  }

  @Test
  void valuesThatLookAlikeAsTextStayDistinct() {
    PrimaryKey two = new PrimaryKey(StreamDescriptor.of("s"), List.of(List.of("a"), List.of("b")));
    assertThat(two.keyOf(Json.parse("{\"a\":\"x,y\",\"b\":\"z\"}")))
        .isNotEqualTo(two.keyOf(Json.parse("{\"a\":\"x\",\"b\":\"y,z\"}")));
    assertThat(two.keyOf(Json.parse("{\"a\":1,\"b\":\"2\"}"))).isNotEqualTo(two.keyOf(Json.parse("{\"a\":\"1\",\"b\":2}")));
  }

  @Test
  void aMissingKeyFieldIsAnErrorNamingStreamAndField() {
    assertThatThrownBy(() -> composite.keyOf(Json.parse("{\"region\":\"eu\",\"name\":\"n\"}")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("stream 'shop.orders'")
        .hasMessageContaining("primary key field id")
        .hasMessageContaining("[region, name]");
    assertThatThrownBy(() -> composite.keyOf(Json.parse("{\"region\":\"eu\",\"id\":null}")))
        .hasMessageContaining("primary key field id");
  }

  @Test
  void aRecordIsADeletionWhenCdcDeletedAtIsSet() {
    assertThat(PrimaryKey.isDeletion(Json.parse("{\"id\":1,\"_ab_cdc_deleted_at\":\"2024-01-01T00:00:00Z\"}"))).isTrue();
    assertThat(PrimaryKey.isDeletion(Json.parse("{\"id\":1,\"_ab_cdc_deleted_at\":null}"))).isFalse();
    assertThat(PrimaryKey.isDeletion(Json.parse("{\"id\":1}"))).isFalse();
  }
}
