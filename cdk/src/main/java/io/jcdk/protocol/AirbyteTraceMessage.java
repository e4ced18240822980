package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/** Errors, estimates, stream status and analytics events. */
public record AirbyteTraceMessage(
    Type type,
    @JsonProperty("emitted_at") double emittedAt,
    Error error,
    Estimate estimate,
    @JsonProperty("stream_status") StreamStatus streamStatus,
    Analytics analytics,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AirbyteTraceMessage {
    additionalProperties = Props.extra(additionalProperties);
  }

  public static AirbyteTraceMessage ofError(Error error) {
    return new AirbyteTraceMessage(Type.ERROR, now(), error, null, null, null, null);
  }

  public static AirbyteTraceMessage ofStreamStatus(StreamDescriptor stream, StreamStatusType status) {
    return new AirbyteTraceMessage(
        Type.STREAM_STATUS, now(), null, null, new StreamStatus(stream, status, null, null), null, null);
  }

  public static AirbyteTraceMessage ofEstimate(Estimate estimate) {
    return new AirbyteTraceMessage(Type.ESTIMATE, now(), null, estimate, null, null, null);
  }

  public static AirbyteTraceMessage ofAnalytics(String type, String value) {
    return new AirbyteTraceMessage(Type.ANALYTICS, now(), null, null, null, new Analytics(type, value, null), null);
  }

  public AirbyteTraceMessage withError(Error newError) {
    return new AirbyteTraceMessage(type, emittedAt, newError, estimate, streamStatus, analytics, additionalProperties);
  }

  private static double now() {
    return System.currentTimeMillis();
  }

  public enum Type {
    ERROR,
    ESTIMATE,
    STREAM_STATUS,
    ANALYTICS
  }

  public enum FailureType {
    SYSTEM_ERROR("system_error"),
    CONFIG_ERROR("config_error"),
    TRANSIENT_ERROR("transient_error");

    private final String wire;

    FailureType(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }
  }

  public record Error(
      String message,
      @JsonProperty("internal_message") String internalMessage,
      @JsonProperty("stack_trace") String stackTrace,
      @JsonProperty("failure_type") FailureType failureType,
      @JsonProperty("stream_descriptor") StreamDescriptor streamDescriptor,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public Error {
      additionalProperties = Props.extra(additionalProperties);
    }

    public static Error of(FailureType type, String message, String internalMessage, String stackTrace) {
      return new Error(message, internalMessage, stackTrace, type, null, null);
    }
  }

  public enum EstimateType {
    STREAM,
    SYNC
  }

  public record Estimate(
      String name,
      EstimateType type,
      String namespace,
      @JsonProperty("row_estimate") Long rowEstimate,
      @JsonProperty("byte_estimate") Long byteEstimate,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public Estimate {
      additionalProperties = Props.extra(additionalProperties);
    }

    public static Estimate ofStream(StreamDescriptor stream, Long rows, Long bytes) {
      return new Estimate(stream.name(), EstimateType.STREAM, stream.namespace(), rows, bytes, null);
    }
  }

  public enum StreamStatusType {
    STARTED,
    RUNNING,
    COMPLETE,
    INCOMPLETE
  }

  public record StreamStatus(
      @JsonProperty("stream_descriptor") StreamDescriptor streamDescriptor,
      StreamStatusType status,
      List<Map<String, Object>> reasons,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public StreamStatus {
      reasons = Props.list(reasons);
      additionalProperties = Props.extra(additionalProperties);
    }
  }

  public record Analytics(
      String type, String value, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {
    public Analytics {
      additionalProperties = Props.extra(additionalProperties);
    }
  }
}
