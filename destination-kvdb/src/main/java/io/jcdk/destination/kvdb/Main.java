package io.jcdk.destination.kvdb;

import io.jcdk.runtime.ConnectorCli;

/** {@code java -jar destination-kvdb.jar spec|check|write|dump|stats|read-back ...} */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(cli().run(args));
  }

  /** The command line: the standard commands, {@code read-back}, and {@code dump} and {@code stats}. */
  public static ConnectorCli cli() {
    KvdbDestination destination = new KvdbDestination();
    return ConnectorCli.forDestination(destination)
        .subcommand(context -> new DumpCommand(destination, context))
        .subcommand(context -> new StatsCommand(destination, context));
  }
}
