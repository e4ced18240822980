package io.jcdk.acceptance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.config.AcceptanceTestConfig;
import io.jcdk.acceptance.config.Fixtures;
import io.jcdk.acceptance.run.ConnectorRunner;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.spec.Secrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every suite works with: the connector (through its runner), the config file and its
 * fixtures, and the connector's spec (run once, to learn which config values are secrets).
 */
public final class SuiteContext {

  /** Secrets shorter than this are not searched for in output: they would match by accident. */
  private static final int MIN_SECRET_LENGTH = 5;

  private final ConnectorRunner runner;
  private final AcceptanceTestConfig config;
  private final Fixtures fixtures;
  private final Lazy<Transcript> specRun;

  public SuiteContext(ConnectorRunner runner, AcceptanceTestConfig config, Map<String, String> variables) {
    this.runner = runner;
    this.config = config;
    this.fixtures = new Fixtures(config.directory(), variables);
    this.specRun = Lazy.of(() -> runner.run(Invocation.spec(), Map.of()));
  }

  public ConnectorRunner runner() {
    return runner;
  }

  public AcceptanceTestConfig config() {
    return config;
  }

  public Fixtures fixtures() {
    return fixtures;
  }

  /** A log for one group's runs; its conformance check covers exactly those runs. */
  public RunLog newLog(String suite) {
    return new RunLog(this, suite);
  }

  /** The output of {@code spec}, run once and shared. */
  public Transcript specTranscript() {
    return specRun.get();
  }

  /** The values of {@code config}'s airbyte_secret fields, by field path; empty when the spec is unknown. */
  public Map<String, String> secrets(JsonNode connectorConfig) {
    if (connectorConfig == null) {
      return Map.of();
    }
    List<ConnectorSpecification> specs = specTranscript().specs();
    if (specs.isEmpty() || specs.get(0).connectionSpecification() == null) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (List<String> path : Secrets.paths(specs.get(0).connectionSpecification())) {
      collect(connectorConfig, path, 0, String.join(".", path), values);
    }
    return values;
  }

  /** The configured timeout, or the default. */
  public static Duration timeout(Integer seconds) {
    return seconds == null ? Invocation.DEFAULT_TIMEOUT : Duration.ofSeconds(seconds);
  }

  private static void collect(JsonNode node, List<String> path, int i, String name, Map<String, String> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (i == path.size()) {
      if (node.isValueNode()) {
        String text = node.asText();
        if (text.length() >= MIN_SECRET_LENGTH) {
          out.put(name, text);
        }
      } else {
        node.forEach(child -> collect(child, path, i, name, out));
      }
      return;
    }
    if (path.get(i).equals("[]")) {
      node.forEach(child -> collect(child, path, i + 1, name, out));
    } else {
      collect(node.get(path.get(i)), path, i + 1, name, out);
    }
  }
}
