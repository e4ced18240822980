package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

public record AirbyteLogMessage(
    Level level,
    String message,
    @JsonProperty("stack_trace") String stackTrace,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteLogMessage {
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteLogMessage of(Level level, String message) {
    return new AirbyteLogMessage(level, message, null, null);
  }

  public AirbyteLogMessage withText(String newMessage, String newStackTrace) {
    return new AirbyteLogMessage(level, newMessage, newStackTrace, additionalProperties);
  }

  public enum Level {
    FATAL,
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }
}
