package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

public record AirbyteCatalog(
    List<AirbyteStream> streams, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteCatalog {
    streams = streams == null ? List.of() : List.copyOf(streams);
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteCatalog of(List<AirbyteStream> streams) {
    return new AirbyteCatalog(streams, null);
  }
}
