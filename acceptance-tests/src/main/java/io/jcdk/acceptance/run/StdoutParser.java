package io.jcdk.acceptance.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.testing.ProtocolSchema;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges each stdout line as it arrives: it must be one JSON object that is a valid protocol message,
 * and must not show the value of a secret config field. Valid lines become {@link OutputLine}s;
 * anything else a {@link Violation} that quotes the line (never a secret).
 */
final class StdoutParser {

  private static final int QUOTE_LIMIT = 160;

  private final Map<String, String> secrets;
  private final List<OutputLine> lines = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();

  /** @param secrets secret field name to the value that must never be printed */
  StdoutParser(Map<String, String> secrets) {
    this.secrets = secrets;
  }

  synchronized OutputLine accept(long number, String line) {
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      if (line.contains(secret.getValue())) {
        violations.add(new Violation(number, "shows the value of the secret config field '" + secret.getKey()
            + "'; mask it (airbyte_secret fields must never be printed)"));
        line = line.replace(secret.getValue(), "**********");
      }
    }
    if (line.isBlank()) {
      violations.add(new Violation(number, "is empty; every stdout line must be one protocol message"));
      return null;
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(line);
    } catch (Exception e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      violations.add(new Violation(number, "is not a protocol message (not a JSON object): " + quote(line)
          + "; print logs to stderr or as LOG messages"));
      return null;
    }
    List<String> problems = ProtocolSchema.get().messageProblems(node);
    if (!problems.isEmpty()) {
      violations.add(new Violation(number, "violates the protocol schema (" + String.join("; ", problems) + "): "
          + quote(line)));
      return null;
    }
    try {
      OutputLine parsed = new OutputLine(number, Json.mapper().treeToValue(node, AirbyteMessage.class));
      lines.add(parsed);
      return parsed;
    } catch (Exception e) {
      violations.add(new Violation(number, "cannot be read as a protocol message (" + e.getMessage() + "): "
          + quote(line)));
      return null;
    }
  }

  synchronized List<OutputLine> lines() {
    return List.copyOf(lines);
  }

  synchronized List<Violation> violations() {
    return List.copyOf(violations);
  }

  static String quote(String line) {
    String oneLine = line.replace("\r", "\\r");
    if (oneLine.length() <= QUOTE_LIMIT) {
      return "'" + oneLine + "'";
    }
    return "'" + oneLine.substring(0, QUOTE_LIMIT) + "…' (" + oneLine.length() + " characters)";
  }
}
