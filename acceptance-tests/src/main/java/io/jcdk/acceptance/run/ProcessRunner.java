package io.jcdk.acceptance.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the connector as a local command line, e.g. {@code java -jar target/source-postgres.jar}.
 * The invocation's arguments are appended; files are passed by absolute path.
 */
public final class ProcessRunner implements ConnectorRunner {

  private final List<String> commandLine;
  private final Map<String, String> environment;
  private final Path workingDirectory;

  public ProcessRunner(List<String> commandLine, Map<String, String> environment, Path workingDirectory) {
    if (commandLine.isEmpty()) {
      throw new IllegalArgumentException("the connector's command line is empty; give e.g. java -jar connector.jar");
    }
    this.commandLine = List.copyOf(commandLine);
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
  }

  /** Runs {@code mainClass} in a new JVM with this JVM's classpath: for connectors in the same build. */
  public static ProcessRunner javaMain(String mainClass, String... jvmOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    return new ProcessRunner(cmd, Map.of(), null);
  }

  public ProcessRunner withEnvironment(Map<String, String> env) {
    Map<String, String> merged = new java.util.HashMap<>(environment);
    merged.putAll(env);
    return new ProcessRunner(commandLine, merged, workingDirectory);
  }

  @Override
  public String kind() {
    return "process";
  }

  /**
   * The command line, shortened for test names: program and jar by file name, a long classpath elided,
   * the class-data archive's flags left out (they change how fast it starts, not what runs).
   */
  @Override
  public String description() {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < commandLine.size(); i++) {
      String arg = commandLine.get(i);
      String previous = i == 0 ? "" : commandLine.get(i - 1);
      if (ClassDataArchive.isFlag(arg)) {
        continue;
      }
      if (i == 0 || previous.equals("-jar")) {
        shown.add(Path.of(arg).getFileName().toString());
      } else if ((previous.equals("-cp") || previous.equals("-classpath")) && arg.length() > 40) {
        shown.add("<classpath>");
      } else {
        shown.add(arg);
      }
    }
    return String.join(" ", shown);
  }

  @Override
  public Launch prepare(Invocation invocation, Path fileDir) {
    List<String> argv = new ArrayList<>(commandLine);
    argv.addAll(invocation.arguments(ConnectorRunner.filePaths(invocation, fileDir.toString())));
    return new Launch(argv, invocation.environmentWith(environment), workingDirectory, () -> {}, () -> {});
  }
}
