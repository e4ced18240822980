package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public record ConfiguredAirbyteCatalog(
    List<ConfiguredAirbyteStream> streams,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ConfiguredAirbyteCatalog {
    streams = streams == null ? List.of() : List.copyOf(streams);
    additionalProperties = Props.extra(additionalProperties);
  }

  /**
   * The catalog a configured-catalog tree holds: what data binding reads from it, without data
   * binding (unknown fields kept as trees); an {@link IllegalArgumentException} names the field that
   * has the wrong shape.
   */
  public static ConfiguredAirbyteCatalog fromTree(JsonNode tree) {
    return CatalogTree.catalog(tree);
  }

  public static ConfiguredAirbyteCatalog of(List<ConfiguredAirbyteStream> streams) {
    return new ConfiguredAirbyteCatalog(streams, null);
  }

  public Optional<ConfiguredAirbyteStream> find(StreamDescriptor descriptor) {
    return streams.stream().filter(s -> s.descriptor().equals(descriptor)).findFirst();
  }
}
