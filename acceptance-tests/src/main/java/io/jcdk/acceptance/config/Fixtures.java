package io.jcdk.acceptance.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON files an acceptance test config points at (configs, catalogs, states, expected records),
 * read relative to the config's directory. {@code ${NAME}} placeholders are replaced from the given
 * variables, then from the environment: a test that starts its database on a random port passes
 * the port in; a config committed to the repository stays free of machine-specific values.
 */
public final class Fixtures {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

  private final Path directory;
  private final Map<String, String> variables;

  public Fixtures(Path directory, Map<String, String> variables) {
    this.directory = directory;
    this.variables = Map.copyOf(variables);
  }

  public Path resolve(String path) {
    return directory.resolve(path).normalize();
  }

  /** Reads one JSON document. */
  public JsonNode json(String path) {
    String text = substitute(read(path), path);
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(resolve(path) + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")", e);
    }
  }

  /** Reads JSON lines (blank lines skipped). */
  public List<JsonNode> jsonLines(String path) {
    List<JsonNode> nodes = new ArrayList<>();
    List<String> lines = substitute(read(path), path).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        nodes.add(Json.mapper().readTree(lines.get(i)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(resolve(path) + " line " + (i + 1) + " is not valid JSON: "
            + e.getOriginalMessage(), e);
      }
    }
    return nodes;
  }

  /** Replaces placeholders; an unknown one is an error naming the file and the variable. */
  String substitute(String text, String source) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = lookup(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(resolve(source) + " uses ${" + m.group(1) + "}, which is not set: "
            + "pass it as a variable (--var " + m.group(1) + "=...) or set it in the environment");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Replaces the placeholders that are set and leaves the others as written. */
  String substituteLenient(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = lookup(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String lookup(String name) {
    String value = variables.get(name);
    return value != null ? value : System.getenv(name);
  }

  private String read(String path) {
    try {
      return Files.readString(resolve(path));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the file " + resolve(path) + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resolve(path), e);
    }
  }
}
