package io.jcdk.destination.kvdb;

import io.jcdk.runtime.ConnectorCli;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/** {@code java -jar destination-kvdb.jar spec|check|write|dump|stats ...} */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(cli(new FileOutputStream(FileDescriptor.out)).run(args));
  }

  /** The command line; {@code stdout} receives what {@code dump} and {@code stats} print. */
  public static ConnectorCli cli(OutputStream stdout) {
    KvdbDestination destination = new KvdbDestination();
    return ConnectorCli.forDestination(destination)
        .subcommand(new DumpCommand(destination, stdout))
        .subcommand(new StatsCommand(destination, stdout));
  }
}
