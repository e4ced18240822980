package io.jcdk.source;

import io.jcdk.Connector;
import io.jcdk.protocol.AirbyteCatalog;

/**
 * A source: reads data from a system and emits it as records and states.
 *
 * <p>Lifecycle of {@code read}, as the runtime drives it:
 *
 * <ol>
 *   <li>The config is validated and parsed ({@link Connector}); the configured catalog is read and
 *       every stream in it is checked against nothing but its own shape (the source decides whether
 *       it knows the stream, and throws a config error if not).
 *   <li>{@link #read} is called once with a {@link ReadContext}. The source emits everything through
 *       that context: per stream with {@link ReadContext#readStreams}, or for sources that read all
 *       streams from one log (CDC) with {@link ReadContext#readGlobal}. The context emits stream
 *       status (STARTED, RUNNING, COMPLETE or INCOMPLETE), checkpoints on the policy of {@link
 *       #checkpointPolicy} with {@code sourceStats}, and the final state of each stream.
 *   <li>When {@code read} returns, every stream it read is COMPLETE. When it throws, the streams
 *       still open are INCOMPLETE, no further state is emitted, and the exception is classified
 *       into a TRACE error.
 * </ol>
 *
 * <p>All methods are called from the main thread. A source that reads on other threads gives each
 * thread its own emitter (see {@link ReadContext}).
 */
public interface Source<C> extends Connector<C> {

  /** The streams this config can read, with JSON schemas, primary keys and cursor candidates. */
  AirbyteCatalog discover(C config);

  /** Reads the configured streams; see the class comment for the contract. */
  void read(C config, ReadContext context);

  /**
   * When to checkpoint; by default every 10,000 records or 60 seconds, whichever comes first. The
   * environment variable {@value CheckpointPolicy#RECORDS_VARIABLE} replaces the record count at run
   * time (see {@link CheckpointPolicy}); it takes effect where the read asks {@link
   * StreamEmitter#checkpointDue()}.
   */
  default CheckpointPolicy checkpointPolicy(C config) {
    return CheckpointPolicy.DEFAULT;
  }
}
