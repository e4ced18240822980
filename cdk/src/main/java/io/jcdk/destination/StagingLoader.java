package io.jcdk.destination;

import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import java.util.List;

/**
 * A {@link Loader} that writes a batch in two steps: {@link #stage} turns the records into what the
 * destination stores (keys, encoding, serialization: CPU work), {@link #writeStaged} stores it.
 *
 * <p>Why: the write pipeline reads the input on one thread and calls the loader on another. When
 * storing is the slower side, the reading thread waits; the pipeline calls {@code stage} there, so
 * that work leaves the loader thread, whose speed bounds the sync's.
 *
 * <p>{@code stage} runs on the reading thread, in input order, while the loader thread may be in
 * any other call: it must only use state that no other loader call changes (or guard it).
 * {@code writeStaged} runs on the loader thread, in the same order, like {@link #write}.
 *
 * @param <S> what a staged batch is, e.g. an encoded write batch
 */
public interface StagingLoader<S> extends Loader {

  /** Prepares a batch of one stream's records for {@link #writeStaged}; on the reading thread. */
  S stage(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records);

  /** Stores a staged batch; on the loader thread. */
  void writeStaged(ConfiguredAirbyteStream stream, S staged);

  @Override
  default void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
    writeStaged(stream, stage(stream, records));
  }
}
