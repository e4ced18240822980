package io.jcdk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands of a user guide, in order, as a reader runs them:
 *
 * <ul>
 *   <li>{@code ```shell}: every line is a command (a line ending in a backslash continues on the next;
 *       blank lines and {@code #} comments are not commands);
 *   <li>{@code ```sql}: the block is one script, run with psql against the guide's server (the reader
 *       runs it in their SQL client); {@code ```sql norun} is shown, not run (SQL for a managed
 *       service, say, that the guide's server cannot run);
 *   <li>{@code ```json FILE} (or yaml): the reader saves the block as FILE, in the current directory;
 *   <li>{@code ```output}: what the command before it prints: each line must appear in its output,
 *       in order, {@code …} standing for any text.
 * </ul>
 *
 * Other blocks ({@code ```java}, {@code ```text}) are shown to the reader, not run.
 */
record Guide(Path file, List<Guide.Command> commands) {

  private static final Pattern FILE_FENCE = Pattern.compile("```(json|yaml|yml) +([\\w./-]+)");

  enum Kind { SHELL, SQL, FILE }

  /**
   * One command: its text (for SQL the script, for a file its content), the guide line it starts on,
   * the file a FILE block is saved as, and the output lines the guide shows for it.
   */
  record Command(Kind kind, String text, int line, String file, List<String> expectedOutput) {

    /** {@code cd <dir>}: changes the directory of the commands that follow. */
    boolean isCd() {
      return kind == Kind.SHELL && text.startsWith("cd ");
    }

    /** Builds or runs an image: needs a Docker engine. */
    boolean needsDocker() {
      return kind == Kind.SHELL && (text.contains("-Pimages") || text.startsWith("docker ")
          || text.contains(" --image ") || text.contains("-image "));
    }

    /** How the command reads in a test's name. */
    String title() {
      return switch (kind) {
        case SHELL -> text;
        case SQL -> "psql: " + text.lines().findFirst().orElse("").strip();
        case FILE -> "save " + file;
      };
    }

    Command withExpectedOutput(List<String> lines) {
      return new Command(kind, text, line, file, List.copyOf(lines));
    }
  }

  static Guide read(Path file) throws IOException {
    List<Command> commands = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```") || fence.equals("```")) {
        continue;
      }
      int start = i + 1;
      List<String> block = new ArrayList<>();
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        block.add(lines.get(i));
      }
      var fileFence = FILE_FENCE.matcher(fence);
      if (fence.equals("```shell")) {
        shell(block, start, commands);
      } else if (fence.equals("```sql")) {
        commands.add(new Command(Kind.SQL, String.join("\n", block) + "\n", start + 1, null, List.of()));
      } else if (fileFence.matches()) {
        commands.add(new Command(Kind.FILE, String.join("\n", block) + "\n", start + 1, fileFence.group(2), List.of()));
      } else if (fence.equals("```output")) {
        if (commands.isEmpty()) {
          throw new IllegalStateException(file + " line " + start + ": an output block before any command");
        }
        commands.set(commands.size() - 1, commands.get(commands.size() - 1)
            .withExpectedOutput(block.stream().filter(l -> !l.isBlank()).toList()));
      }
    }
    return new Guide(file, List.copyOf(commands));
  }

  private static void shell(List<String> block, int firstLine, List<Command> commands) {
    StringBuilder pending = null;
    int start = 0;
    for (int j = 0; j < block.size(); j++) {
      String line = block.get(j).strip();
      if (pending == null && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (pending == null) {
        pending = new StringBuilder();
        start = firstLine + j + 1;
      }
      boolean continues = line.endsWith("\\");
      pending.append(continues ? line.substring(0, line.length() - 1) : line).append(continues ? " " : "");
      if (!continues) {
        commands.add(new Command(Kind.SHELL, pending.toString().replaceAll("\\s+", " ").strip(), start, null, List.of()));
        pending = null;
      }
    }
  }

  /**
   * Whether {@code output} shows every expected line, in order: each expected line is matched by a
   * line of the output, the same as the previous one's or a later one, its parts between {@code …}
   * appearing in it in order (so a long line may be shown broken at its sentences).
   */
  static boolean shows(List<String> output, List<String> expected) {
    int at = 0;
    for (String line : expected) {
      while (at < output.size() && !matches(output.get(at), line)) {
        at++;
      }
      if (at == output.size()) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String actual, String expected) {
    int from = 0;
    for (String part : expected.strip().split("…")) {
      int found = actual.indexOf(part, from);
      if (found < 0) {
        return false;
      }
      from = found + part.length();
    }
    return true;
  }
}
