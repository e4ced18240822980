package io.jcdk.destination;

import io.jcdk.Connector;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;

/**
 * A destination: stores the records a source emitted, and confirms each state once everything
 * before it is durable.
 *
 * <p>Lifecycle of {@code write}, as the write pipeline drives it:
 *
 * <ol>
 *   <li>{@link #open} once, before any record, with the configured catalog. Prepare what each
 *       stream's {@code destination_sync_mode} needs (an overwrite stream writes into a staging area
 *       and stays invisible until it completes).
 *   <li>{@link Loader#write} with batches of one stream's records, in arrival order, as the per-stream
 *       buffers fill (by size, by age, or because a state arrived). Writes need not be durable yet.
 *   <li>{@link Loader#commit()} makes every write so far durable. Only after it returns does the
 *       pipeline echo the states that followed those records, in input order, with {@code
 *       destinationStats}.
 *   <li>{@link Loader#streamComplete} after a stream's source reported COMPLETE and its records are
 *       committed: the moment an overwrite stream swaps its new data in. Input that carries no stream
 *       status at all (an older source, a file piped by hand) completes every stream when it ends
 *       cleanly.
 *   <li>{@link Loader#close()} always, last, also after a failure; nothing uncommitted may become
 *       visible then.
 * </ol>
 *
 * <p>Loader calls never overlap, so a loader needs no locking: write, commit and the stream calls run
 * one after another on the pipeline's loader thread (while the caller's thread reads the input
 * ahead); {@link #open} before and {@link Loader#close()} after them run on the caller's thread. An
 * exception from any step fails the sync: no later state is echoed, and the runtime reports the
 * classified error.
 */
public interface Destination<C> extends Connector<C> {

  /** Opens the write session for one {@code write} command. */
  Loader open(C config, ConfiguredAirbyteCatalog catalog);

  /** Buffer sizes and flush ages; by default a quarter of the heap, 8 MiB batches, 30 s. */
  default BufferPolicy bufferPolicy(C config) {
    return BufferPolicy.defaults();
  }
}
