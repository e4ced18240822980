package io.jcdk.destination;

import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import java.util.List;

/**
 * A {@link Loader} that writes a batch in two steps: a {@link Stager} turns the records into what
 * the destination stores (keys, encoding, serialization: CPU work), record by record as they are
 * read; {@link #writeStaged} stores the staged batch.
 *
 * <p>Why: the write pipeline reads the input on one thread and calls the loader on another. When
 * storing is the slower side, the reading thread waits; the pipeline stages there, so that work
 * leaves the loader thread, whose speed bounds the sync's. And it stages each record right after
 * reading it, while its bytes are still in the CPU's cache, instead of holding the records until
 * the batch is flushed.
 *
 * <p>Stagers run on the reading thread, in input order, while the loader thread may be in any
 * other call: they must only use state that no other loader call changes (or guard it). At most
 * one stager per stream is open at a time. {@code writeStaged} runs on the loader thread, in the
 * same order, like {@link #write}.
 *
 * @param <S> what a staged batch is, e.g. an encoded write batch
 */
public interface StagingLoader<S> extends Loader {

  /** Starts a batch of one stream's records; on the reading thread. */
  Stager<S> stager(ConfiguredAirbyteStream stream);

  /** Stores a staged batch; on the loader thread. */
  void writeStaged(ConfiguredAirbyteStream stream, S staged);

  @Override
  default void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
    Stager<S> stager = stager(stream);
    records.forEach(stager::add);
    writeStaged(stream, stager.finish());
  }

  /** One batch being staged, on the reading thread. */
  interface Stager<S> {

    /** Stages the next record of the batch (its bytes need not be kept past this call's work). */
    void add(AirbyteRecordMessage record);

    /** The staged batch, for {@link #writeStaged}; the stager is not used after. */
    S finish();
  }
}
