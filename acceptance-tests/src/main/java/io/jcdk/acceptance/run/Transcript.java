package io.jcdk.acceptance.run;

import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.ConnectorSpecification;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything one connector run produced: the protocol messages in order (with line numbers), the
 * stdout lines that were not valid messages, the exit code and the end of stderr.
 *
 * @param exitCode the process's exit code; -1 when it was killed (timeout or on purpose)
 */
public record Transcript(
    String runner,
    String invocation,
    List<OutputLine> lines,
    List<Violation> violations,
    int exitCode,
    boolean timedOut,
    Duration duration,
    String stderrTail) {

  public Transcript {
    lines = List.copyOf(lines);
    violations = List.copyOf(violations);
  }

  public List<AirbyteMessage> messages() {
    return lines.stream().map(OutputLine::message).toList();
  }

  public List<AirbyteRecordMessage> records() {
    return payloads(AirbyteMessage.Type.RECORD, AirbyteMessage::record);
  }

  public List<AirbyteStateMessage> states() {
    return payloads(AirbyteMessage.Type.STATE, AirbyteMessage::state);
  }

  public List<ConnectorSpecification> specs() {
    return payloads(AirbyteMessage.Type.SPEC, AirbyteMessage::spec);
  }

  public List<AirbyteConnectionStatus> connectionStatuses() {
    return payloads(AirbyteMessage.Type.CONNECTION_STATUS, AirbyteMessage::connectionStatus);
  }

  public List<AirbyteCatalog> catalogs() {
    return payloads(AirbyteMessage.Type.CATALOG, AirbyteMessage::catalog);
  }

  public List<AirbyteTraceMessage.Error> errors() {
    return payloads(AirbyteMessage.Type.TRACE, AirbyteMessage::trace).stream()
        .filter(t -> t.type() == AirbyteTraceMessage.Type.ERROR && t.error() != null)
        .map(AirbyteTraceMessage::error)
        .toList();
  }

  public List<AirbyteTraceMessage.StreamStatus> streamStatuses() {
    return payloads(AirbyteMessage.Type.TRACE, AirbyteMessage::trace).stream()
        .filter(t -> t.type() == AirbyteTraceMessage.Type.STREAM_STATUS && t.streamStatus() != null)
        .map(AirbyteTraceMessage::streamStatus)
        .toList();
  }

  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  private <T> List<T> payloads(AirbyteMessage.Type type, Function<AirbyteMessage, T> payload) {
    return lines.stream()
        .map(OutputLine::message)
        .filter(m -> m.type() == type)
        .map(payload)
        .filter(Objects::nonNull)
        .toList();
  }

  /** One line for reports: what ran, how it ended, what it printed. */
  public String summary() {
    Map<AirbyteMessage.Type, Long> counts = lines.stream()
        .collect(Collectors.groupingBy(l -> l.message().type(), () -> new EnumMap<>(AirbyteMessage.Type.class),
            Collectors.counting()));
    String ending = timedOut ? "timed out" : exitCode == -1 ? "was killed" : "exited " + exitCode;
    return "'" + invocation + "' " + ending + " after " + String.format("%.1f s", duration.toMillis() / 1000.0)
        + ", printed " + (counts.isEmpty() ? "no messages" : counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))
        + (violations.isEmpty() ? "" : " and " + violations.size() + " invalid lines");
  }

  /**
   * What a failure message should add so the reader needs no other log: the summary, the first
   * TRACE error, and the end of stderr.
   */
  public String diagnostics() {
    StringBuilder s = new StringBuilder(summary());
    errors().stream().findFirst().ifPresent(e -> s.append("\n  trace error (").append(e.failureType())
        .append("): ").append(e.message())
        .append(e.internalMessage() == null ? "" : " [" + e.internalMessage() + "]"));
    if (!stderrTail.isBlank()) {
      s.append("\n  stderr (last lines):\n    ").append(String.join("\n    ", lastLines(stderrTail, 12)));
    }
    return s.toString();
  }

  private static List<String> lastLines(String text, int n) {
    List<String> all = text.lines().toList();
    return all.subList(Math.max(0, all.size() - n), all.size());
  }
}
