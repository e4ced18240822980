package io.jcdk.destination;

import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.RawJson;
import java.util.function.Consumer;

/**
 * A destination that can show what it stored, so that the acceptance suites compare the records it
 * holds with the records it was sent, not only exit codes and states.
 *
 * <p>Implementing it gives the connector a command, {@code read-back --config F --catalog F}, which
 * calls {@link #readBack} for each stream of the catalog and prints each record as a RECORD message
 * of that stream. The harness runs it as {@code read_back: {command: [read-back]}} in
 * {@code acceptance-test-config.yml}, as a process and inside the image alike.
 */
public interface ReadableDestination<C> extends Destination<C> {

  /**
   * Passes every record a reader of the destination sees now for {@code stream}, in any order, as the
   * {@code data} the source sent (without the destination's own columns). An overwrite that has not
   * completed is not visible, so it is not read back; a stream never written passes nothing. Called
   * on one thread, after the config was validated and parsed as for {@code write}.
   */
  void readBack(C config, ConfiguredAirbyteStream stream, Consumer<RawJson> records);
}
