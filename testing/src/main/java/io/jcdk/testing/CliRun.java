package io.jcdk.testing;

import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Runs a connector in-process and keeps every line it wrote. */
public record CliRun(int exitCode, String stdout, List<String> lines, List<AirbyteMessage> messages) {

  public static CliRun run(ConnectorCli cli, String stdin, String... args) {
    return run(cli, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  public static CliRun run(ConnectorCli cli, InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = cli.run(args, stdin, out);
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> lines = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    List<AirbyteMessage> messages = lines.stream().map(CliRun::parse).collect(Collectors.toList());
    return new CliRun(code, text, lines, messages);
  }

  private static AirbyteMessage parse(String line) {
    try {
      return Json.mapper().readValue(line, AirbyteMessage.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a protocol message: " + line, e);
    }
  }

  public List<AirbyteMessage> ofType(AirbyteMessage.Type type) {
    return messages.stream().filter(m -> m.type() == type).toList();
  }

  /** A compact picture of the message sequence, e.g. "STATUS users STARTED", "STATE users 2.0". */
  public List<String> timeline() {
    return messages.stream().map(CliRun::describe).filter(s -> s != null).toList();
  }

  private static String describe(AirbyteMessage m) {
    return switch (m.type()) {
      case RECORD -> "RECORD " + m.record().stream();
      case STATE -> switch (m.state().effectiveType()) {
        case STREAM -> "STATE " + m.state().stream().streamDescriptor().name() + " "
            + count(m.state().sourceStats(), m.state().destinationStats());
        case GLOBAL -> "GLOBAL " + count(m.state().sourceStats(), m.state().destinationStats());
        case LEGACY -> "LEGACY";
      };
      case TRACE -> m.trace().streamStatus() != null
          ? "STATUS " + m.trace().streamStatus().streamDescriptor().name() + " " + m.trace().streamStatus().status()
          : "TRACE " + m.trace().type() + (m.trace().error() != null ? " " + m.trace().error().failureType().wire() : "");
      case LOG -> null;
      default -> m.type().name();
    };
  }

  private static String count(io.jcdk.protocol.AirbyteStateMessage.StateStats source,
      io.jcdk.protocol.AirbyteStateMessage.StateStats destination) {
    var s = destination != null ? destination : source;
    return s == null ? "-" : String.valueOf(s.recordCount());
  }
}
