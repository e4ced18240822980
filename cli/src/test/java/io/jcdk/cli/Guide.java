package io.jcdk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of a user guide: every line of its {@code ```shell} blocks, in order (a line ending in
 * a backslash continues on the next; blank lines and {@code #} comments are not commands). Other
 * blocks ({@code ```java}, {@code ```text}) are shown to the reader, not run.
 */
record Guide(Path file, List<Guide.Command> commands) {

  /** One command as the reader types it, with the line of the guide it starts on. */
  record Command(String text, int line) {

    /** {@code cd <dir>}: changes the directory of the commands that follow. */
    boolean isCd() {
      return text.startsWith("cd ");
    }

    /** Builds or runs an image: needs a Docker engine. */
    boolean needsDocker() {
      return text.contains("-Pimages") || text.startsWith("docker ") || text.contains(" --image ");
    }
  }

  static Guide read(Path file) throws IOException {
    List<Command> commands = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    boolean inShell = false;
    StringBuilder pending = null;
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("```")) {
        inShell = !inShell && line.equals("```shell");
        continue;
      }
      if (!inShell || (pending == null && (line.isEmpty() || line.startsWith("#")))) {
        continue;
      }
      if (pending == null) {
        pending = new StringBuilder();
        start = i + 1;
      }
      boolean continues = line.endsWith("\\");
      pending.append(continues ? line.substring(0, line.length() - 1) : line).append(continues ? " " : "");
      if (!continues) {
        commands.add(new Command(pending.toString().replaceAll("\\s+", " ").strip(), start));
        pending = null;
      }
    }
    return new Guide(file, List.copyOf(commands));
  }
}
