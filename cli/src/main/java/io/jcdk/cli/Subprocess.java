package io.jcdk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A command the demo runs as a user would type it: its stdout is read line by line, its stderr goes
 * to this process's stderr (so a sync's progress shows on the terminal), its stdin is closed.
 */
final class Subprocess {

  private Subprocess() {}

  /** Runs {@code argv} in {@code dir} with {@code environment} added; returns the exit code. */
  static int run(List<String> argv, Path dir, Map<String, String> environment, Consumer<String> eachLine)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().putAll(environment);
    Process p = builder.start();
    p.getOutputStream().close();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        eachLine.accept(line);
      }
    }
    // Its output ended, so it is exiting; the bound only guards against a process that hangs in shutdown.
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", argv) + " closed its output but did not exit within 2 minutes");
    }
    return p.exitValue();
  }
}
