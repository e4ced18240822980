package io.jcdk.runtime;

import io.jcdk.Connector;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What a connector's own command ({@link ConnectorCli#subcommand}) gets from the runtime, so that it
 * behaves like {@code check} or {@code write}: the config (and a catalog) loaded the same way, with
 * the config's secrets masked, and the process's stdout.
 */
public interface CommandContext {

  /**
   * Reads the config file, validates it against the connector's spec (a config error names each bad
   * field) and parses it. From then on every value of a secret field is masked in the LOG and TRACE
   * messages of this run, errors included.
   */
  <C> C config(Connector<C> connector, Path file);

  /**
   * Reads a configured catalog given with {@code --catalog}, checked as {@code read} and {@code write}
   * check theirs (a config error names the stream or field that is wrong).
   */
  ConfiguredAirbyteCatalog catalog(Path file);

  /** The process's stdout, for the command's own output. */
  OutputStream stdout();
}
