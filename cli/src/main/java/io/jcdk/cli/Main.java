package io.jcdk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jcdk} command line, behind the repository's {@code ./jcdk} launcher: {@code generate} a
 * connector project, {@code test} a connector with the acceptance suites, {@code sync} a source into a
 * destination, and the {@code demo}.
 */
@Command(name = "jcdk", mixinStandardHelpOptions = true, versionProvider = KitVersion.class, subcommands = {GenerateCommand.class, TestCommand.class, SyncCommand.class, DemoCommand.class},
    description = "The jcdk tools: a connector generator, acceptance tests, a local sync runner, and a demo.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
