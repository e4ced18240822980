package io.jcdk.acceptance.config;

import java.util.List;
import java.util.Optional;

/**
 * A key of the config file that the harness does not know: most often a typo, which would otherwise
 * turn a check into a silent skip.
 *
 * @param pointer where it is, as a JSON pointer ({@code /acceptance_tests/incremental/tests/0/...})
 * @param line its line in the file (1-based), or 0 when unknown
 * @param known the keys allowed at that place
 */
public record UnknownKey(String pointer, int line, List<String> known) {

  public UnknownKey {
    known = List.copyOf(known);
  }

  /** The key itself: the last segment of the pointer. */
  public String key() {
    return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }

  /** The known key it was probably meant to be. */
  public Optional<String> suggestion() {
    return Spelling.closest(key(), known);
  }

  /**
   * E.g. {@code 'futur_state_path' (line 27, in acceptance_tests.incremental.tests[0].future_state):
   * did you mean 'future_state_path'?}.
   */
  public String describe() {
    String parent = dotted(pointer.substring(0, pointer.lastIndexOf('/')));
    return "'" + key() + "' (" + (line > 0 ? "line " + line + ", " : "") + (parent.isEmpty() ? "at the top level"
        : "in " + parent) + "): " + suggestion().map(s -> "did you mean '" + s + "'?")
        .orElse(known.isEmpty() ? "no keys are allowed there" : "the keys allowed there are " + String.join(", ", known));
  }

  /** {@code /a/tests/0/b} → {@code a.tests[0].b}. */
  static String dotted(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.chars().allMatch(Character::isDigit)) {
        out.append('[').append(segment).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
      }
    }
    return out.toString();
  }
}
