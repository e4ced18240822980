package io.jcdk.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Narrows the problems of a failed {@code oneOf} to the branch the config chose.
 *
 * <p>Airbyte specs write a choice as a {@code oneOf} whose branches each hold one property with a
 * {@code const} ({@code ssl_mode.mode}, {@code tunnel_method.tunnel_method}): the discriminator. A
 * validator reports why every branch failed, so a config that chose {@code verify-ca} and left out
 * its certificate also read that it is not {@code disable}, not {@code allow}, and that the
 * {@code verify-full} branch misses a certificate too. Here the branch whose const the config holds
 * is the only one reported; a value that matches no branch is reported once, with the values
 * allowed. A {@code oneOf} without such a property keeps the validator's messages.
 */
final class OneOfChoices {

  /** A failed oneOf: where it is evaluated, its discriminator and the branch chosen (-1: none). */
  private record Choice(ValidationMessage message, String path, String discriminator, int chosen, JsonNode branches) {

    boolean encloses(ValidationMessage m) {
      return m != message && pathOf(m).startsWith(path + "/");
    }

    boolean keeps(ValidationMessage m) {
      return chosen >= 0 && pathOf(m).startsWith(path + "/" + chosen + "/");
    }

    JsonNode chosenValue() {
      return branches.get(chosen).path("properties").path(discriminator).get("const");
    }

    String allowed() {
      List<String> values = new ArrayList<>();
      branches.forEach(b -> values.add(quote(b.path("properties").path(discriminator).get("const"))));
      return String.join(", ", values);
    }
  }

  private OneOfChoices() {}

  /** One line per problem, as {@code describe} words a message, oneOf failures narrowed. */
  static List<String> lines(Collection<ValidationMessage> messages) {
    List<Choice> choices = new ArrayList<>();
    for (ValidationMessage m : messages) {
      if ("oneOf".equals(m.getType())) {
        Choice c = choice(m);
        if (c != null) {
          choices.add(c);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (ValidationMessage m : messages) {
      Choice own = choices.stream().filter(c -> c.message == m).findFirst().orElse(null);
      List<Choice> enclosing = choices.stream().filter(c -> c.encloses(m)).toList();
      if (!enclosing.stream().allMatch(c -> c.keeps(m))) {
        continue; // a problem of a branch the config did not choose
      }
      if (own != null) {
        String line = narrowed(own, messages);
        if (line != null) {
          lines.add(line);
        }
        continue;
      }
      Choice innermost = enclosing.stream().reduce((a, b) -> a.path.length() > b.path.length() ? a : b).orElse(null);
      lines.add(innermost == null ? describe(m) : describe(m) + " (as " + field(innermost.message, innermost.discriminator)
          + " is " + quote(innermost.chosenValue()) + ")");
    }
    return lines;
  }

  /**
   * The line that replaces the oneOf message itself: none when the chosen branch has problems of
   * its own (they say it), the allowed values when no branch was chosen.
   */
  private static String narrowed(Choice c, Collection<ValidationMessage> messages) {
    if (c.chosen >= 0) {
      return messages.stream().anyMatch(m -> c.encloses(m) && c.keeps(m)) ? null : describe(c.message);
    }
    JsonNode instance = c.message.getInstanceNode();
    if (instance == null || !instance.isObject()) {
      return "field '" + field(c.message, null) + "': must be an object whose '" + c.discriminator + "' is one of "
          + c.allowed();
    }
    if (!instance.has(c.discriminator)) {
      return "field '" + field(c.message, null) + "': required property '" + c.discriminator + "' not found; it must be"
          + " one of " + c.allowed();
    }
    return "field '" + field(c.message, c.discriminator) + "': must be one of " + c.allowed();
  }

  private static Choice choice(ValidationMessage m) {
    JsonNode branches = m.getSchemaNode();
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      return null;
    }
    String discriminator = discriminator(branches);
    if (discriminator == null) {
      return null;
    }
    JsonNode value = m.getInstanceNode() == null ? null : m.getInstanceNode().get(discriminator);
    int chosen = -1;
    for (int i = 0; i < branches.size() && value != null; i++) {
      if (value.equals(branches.get(i).path("properties").path(discriminator).get("const"))) {
        chosen = i;
        break;
      }
    }
    return new Choice(m, pathOf(m), discriminator, chosen, branches);
  }

  /** The first property of the first branch that has a {@code const} in every branch. */
  private static String discriminator(JsonNode branches) {
    for (Iterator<String> names = branches.get(0).path("properties").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      boolean everywhere = true;
      for (JsonNode branch : branches) {
        everywhere &= branch.path("properties").path(name).has("const");
      }
      if (everywhere) {
        return name;
      }
    }
    return null;
  }

  /** "field 'tunnel_method.tunnel_port': string found, integer expected". */
  static String describe(ValidationMessage m) {
    String field = field(m, null);
    String error = m.getError() != null ? m.getError() : m.getMessage();
    return field.isEmpty() ? error : "field '" + field + "': " + error;
  }

  /** The dotted name of the message's instance, with {@code child} appended when given. */
  private static String field(ValidationMessage m, String child) {
    JsonNodePath location = m.getInstanceLocation();
    List<String> names = new ArrayList<>();
    for (int i = 0; location != null && i < location.getNameCount(); i++) {
      names.add(String.valueOf(location.getElement(i)));
    }
    if (child != null) {
      names.add(child);
    }
    return names.stream().collect(Collectors.joining("."));
  }

  private static String pathOf(ValidationMessage m) {
    return String.valueOf(m.getEvaluationPath());
  }

  /** A const of the spec, quoted; never a value the user typed (which could be a misplaced secret). */
  private static String quote(JsonNode value) {
    return value == null ? "?" : value.isTextual() ? "'" + value.asText() + "'" : value.toString();
  }
}
