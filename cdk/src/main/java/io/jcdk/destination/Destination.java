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
 *   <li>{@link Loader#checkpoint} at each STATE makes every write so far durable (through {@link
 *       Loader#commitAsync()} and {@link Loader#commit()} by default), and names the streams the state
 *       covers. Only after it completes does the pipeline echo the state, in input order, with {@code
 *       destinationStats}. An overwrite that stages records here remembers, durably with the same
 *       commit, how far the echoed state covers them: a retry resumes from that state, and cuts the
 *       staging back to it first, so it holds every record once.
 *   <li>{@link Loader#streamComplete} after a stream's source reported COMPLETE and its records are
 *       committed: the moment an overwrite stream swaps its new data in. This is the only way a
 *       stream completes, but for one kind of input: input that carries no stream status at all (a
 *       source older than stream status) completes, when it ends cleanly, the streams whose last
 *       message was a state covering them (their STREAM state or a GLOBAL state, no record after it).
 *   <li>{@link Loader#streamIncomplete} for every other stream that ends: reported INCOMPLETE, or
 *       still open when the input ends (empty input, input cut short, records after the last state,
 *       no COMPLETE status). Its previous data stays; an overwrite is not published. A source that
 *       dies before it says anything leaves exactly that: an empty input, and nothing replaced.
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
