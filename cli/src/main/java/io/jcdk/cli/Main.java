package io.jcdk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jcdk} command line of this module, behind the repository's {@code ./jcdk} launcher.
 * {@code test} runs the acceptance suites; further subcommands (the local sync runner) join here.
 */
@Command(name = "jcdk", mixinStandardHelpOptions = true, subcommands = {TestCommand.class, SyncCommand.class, DemoCommand.class},
    description = "The jcdk tools: acceptance tests, a local sync runner, and a demo.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
