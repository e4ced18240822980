package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/** The answer of {@code check}: bad credentials or an unreachable host are FAILED, not a crash. */
public record AirbyteConnectionStatus(
    Status status, String message, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteConnectionStatus {
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteConnectionStatus succeeded() {
    return new AirbyteConnectionStatus(Status.SUCCEEDED, null, null);
  }

  public static AirbyteConnectionStatus failed(String message) {
    return new AirbyteConnectionStatus(Status.FAILED, message, null);
  }

  public enum Status {
    SUCCEEDED,
    FAILED
  }
}
