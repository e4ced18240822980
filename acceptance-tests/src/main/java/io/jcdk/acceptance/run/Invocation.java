package io.jcdk.acceptance.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run a connector with: the command words and the JSON files it takes. The runner
 * writes the files and decides where they live (a temporary directory, or a mount in a container).
 *
 * @param command the command words, e.g. {@code ["read"]} or a connector's extra command
 * @param files option name (without dashes) to file content, in argument order
 * @param timeout how long the run may take before it is killed and reported as timed out
 * @param environment variables the harness sets for this run; the runner's own (given by the user)
 *     take precedence
 */
public record Invocation(List<String> command, Map<String, JsonNode> files, Duration timeout,
    Map<String, String> environment) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public Invocation {
    command = List.copyOf(command);
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(environment);
  }

  private Invocation(List<String> command, Map<String, JsonNode> files) {
    this(command, files, DEFAULT_TIMEOUT, Map.of());
  }

  public static Invocation spec() {
    return new Invocation(List.of("spec"), Map.of());
  }

  public static Invocation check(JsonNode config) {
    return new Invocation(List.of("check"), Map.of("config", config));
  }

  public static Invocation discover(JsonNode config) {
    return new Invocation(List.of("discover"), Map.of("config", config));
  }

  public static Invocation read(JsonNode config, JsonNode catalog, JsonNode state) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    files.put("config", config);
    files.put("catalog", catalog);
    if (state != null) {
      files.put("state", state);
    }
    return new Invocation(List.of("read"), files);
  }

  public static Invocation write(JsonNode config, JsonNode catalog) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    files.put("config", config);
    files.put("catalog", catalog);
    return new Invocation(List.of("write"), files);
  }

  /** Any other command taking {@code --config} and {@code --catalog} (a destination's read-back command). */
  public static Invocation custom(List<String> command, JsonNode config, JsonNode catalog) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    files.put("config", config);
    files.put("catalog", catalog);
    return new Invocation(command, files);
  }

  public Invocation withTimeout(Duration newTimeout) {
    return new Invocation(command, files, newTimeout, environment);
  }

  /** With these variables set for the run, unless the runner sets them itself. */
  public Invocation withEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(variables);
    return new Invocation(command, files, timeout, merged);
  }

  /** The environment of the run: this invocation's variables, overridden by {@code runnerEnvironment}. */
  Map<String, String> environmentWith(Map<String, String> runnerEnvironment) {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(runnerEnvironment);
    return merged;
  }

  /** The arguments after the connector's entrypoint, given where each file was put. */
  public List<String> arguments(Map<String, String> filePaths) {
    List<String> args = new ArrayList<>(command);
    for (String option : files.keySet()) {
      args.add("--" + option);
      args.add(filePaths.get(option));
    }
    return args;
  }

  /** For reports: {@code read --config --catalog --state}. */
  public String describe() {
    StringBuilder s = new StringBuilder(String.join(" ", command));
    files.keySet().forEach(f -> s.append(" --").append(f));
    return s.toString();
  }
}
