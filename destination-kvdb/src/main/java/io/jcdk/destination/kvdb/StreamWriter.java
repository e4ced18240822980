package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one stream of one sync into its generation.
 *
 * <p>append and append_dedup write into the stream's current generation: readers see the records
 * as they are committed. overwrite (and a refresh that truncates, {@code minimum_generation_id ==
 * generation_id}) writes into a staging generation that {@link #complete()} publishes with one
 * metadata write; until then readers see the previous data, and a sync that fails leaves it as it
 * was. A staging generation left by an interrupted attempt is continued by the next attempt with the
 * same {@code generation_id} (the platform keeps it across attempts of one sync; a catalog without
 * one counts as the same every time). That attempt's source resumes from the last state echoed, so
 * the entries staged after that state are deleted first ({@link ResumePoint}; an attempt that
 * echoed no state leaves 0, and the next starts over), and a retry holds every record once. (A
 * keyed staging keeps its entries: the records sent again replace themselves.) With another {@code
 * generation_id} the staging is deleted and the stream starts over.
 *
 * <p>Metadata changes are ordered so that a crash between any two writes leaves a consistent store
 * (see {@link Store}): a generation is first recorded as garbage, then deleted, then forgotten.
 */
final class StreamWriter {

  private final Store store;
  private final ConfiguredAirbyteStream stream;
  private final PrimaryKey primaryKey;
  private final Generation target;
  private final StreamKey key;
  private boolean staged;
  private StreamMeta meta;
  /** Entries of an append target written so far, counting those there before. */
  private long written;

  private StreamWriter(Store store, ConfiguredAirbyteStream stream, PrimaryKey primaryKey, Generation target,
      boolean staged, StreamMeta meta, long written) {
    this.store = store;
    this.stream = stream;
    this.primaryKey = primaryKey;
    this.target = target;
    this.staged = staged;
    this.meta = meta;
    this.key = meta.key();
    this.written = written;
  }

  /** Prepares the stream's generation for this sync (creating, resuming or discarding as needed). */
  static StreamWriter open(Store store, ConfiguredAirbyteStream stream) {
    DestinationSyncMode mode = stream.destinationSyncMode();
    if (mode != DestinationSyncMode.APPEND && mode != DestinationSyncMode.APPEND_DEDUP
        && mode != DestinationSyncMode.OVERWRITE) {
      throw ConnectorException.config("Stream '" + stream.descriptor() + "' asks for destination_sync_mode "
          + mode.wire() + "; this destination supports append, append_dedup and overwrite.");
    }
    Layout layout = Layout.of(mode);
    PrimaryKey primaryKey = layout == Layout.KEYED ? PrimaryKey.of(stream) : null;
    StreamKey key = StreamKey.of(stream.descriptor());
    StreamMeta meta = collectGarbage(store, store.meta(key).orElseGet(() -> StreamMeta.create(key)));
    boolean staged = isStaged(stream);
    if (staged) {
      Generation staging = meta.staging();
      boolean resume = staging != null && staging.layout() == layout
          && Objects.equals(staging.syncGeneration(), stream.generationId());
      if (!resume) {
        if (staging != null) {
          meta = discardStaging(store, meta);
        }
        meta = meta.withNewStaging(layout, stream.generationId());
        store.putMeta(meta);
      }
      long written = layout == Layout.APPEND ? cutBack(store, meta.staging(), key) : 0;
      return new StreamWriter(store, stream, primaryKey, meta.staging(), true, meta, written);
    }
    if (meta.staging() != null) {
      meta = discardStaging(store, meta);
    }
    if (meta.current() == null) {
      meta = meta.withNewCurrent(layout);
      store.putMeta(meta);
    } else if (meta.current().layout() != layout) {
      throw ConnectorException.config("Stream '" + stream.descriptor() + "' holds " + describe(meta.current().layout())
          + " from earlier syncs, but the catalog now asks for " + mode.wire() + ", which needs "
          + describe(layout) + ". Replace the stream's data once: a sync with destination_sync_mode overwrite"
          + " (to append) or a refresh that removes records (minimum_generation_id = generation_id), or write to"
          + " another namespace.");
    }
    return new StreamWriter(store, stream, primaryKey, meta.current(), false, meta, 0);
  }

  /** overwrite, or any mode asked to drop the older generations at the end of this one. */
  static boolean isStaged(ConfiguredAirbyteStream stream) {
    if (stream.destinationSyncMode() == DestinationSyncMode.OVERWRITE) {
      return true;
    }
    Long generation = stream.generationId();
    return generation != null && generation > 0 && generation.equals(stream.minimumGenerationId());
  }

  Generation target() {
    return target;
  }

  /**
   * Writes a batch of records: keys (positions, or primary keys parsed out of the data) and the
   * engine's batch, then the batch. On the loader thread, like every call after {@link #open}.
   */
  void write(List<AirbyteRecordMessage> records) {
    if (target.layout() == Layout.APPEND) {
      Store.Appender appender = store.append(key, target);
      for (AirbyteRecordMessage record : records) {
        appender.add(record.data().bytes());
      }
      appender.finish();
      written += records.size();
      return;
    }
    Map<String, byte[]> changes = new LinkedHashMap<>(); // only the last change of each key in the batch matters
    for (AirbyteRecordMessage record : records) {
      PrimaryKey.Keyed keyed = primaryKey.keyOf(record.data().bytes());
      changes.put(keyed.key(), keyed.deletion() ? null : record.data().bytes());
    }
    store.upsert(key, target, changes);
  }

  /**
   * Deletes the entries of a staged append generation after those the last state echoed covers
   * (all of them in a new staging), and makes that the resume point of this attempt; returns the
   * number of entries kept.
   */
  private static long cutBack(Store store, Generation staging, StreamKey key) {
    ResumePoint point = store.resumePoint(key)
        .filter(p -> p.generation() == staging.number() && p.scope().equals(store.scope()))
        .orElse(null);
    long keep;
    if (point != null) {
      keep = point.entries();
    } else if (staging.covered() != null) {
      keep = staging.covered(); // a new staging (0), or the machine restarted: never behind the echo
    } else {
      return store.count(key, staging); // written before resume points existed: keep it all
    }
    store.truncate(key, staging, keep);
    store.putResumePoint(key, new ResumePoint(staging.number(), keep, store.scope()));
    return keep;
  }

  /**
   * A state that covers this stream is about to be committed: a staged append generation records,
   * in that same commit, how many of its entries the state covers ({@link Generation#covered()}),
   * and returns the resume point to write once the commit is durable, right before the state is
   * echoed (see {@link ResumePoint}); null for other streams. On the loader thread, after the
   * writes before the state.
   */
  ResumePoint stateReached() {
    if (!staged || target.layout() != Layout.APPEND) {
      return null;
    }
    if (!Long.valueOf(written).equals(meta.staging().covered())) {
      meta = meta.withStagingCovered(written);
      store.putMeta(meta);
    }
    return new ResumePoint(target.number(), written, store.scope());
  }

  StreamKey key() {
    return key;
  }

  /** The stream is complete and its records committed: publish a staged generation. */
  void complete() {
    if (!staged) {
      return;
    }
    meta = meta.publishStaging();
    store.putMeta(meta);
    store.commit();
    staged = false;
    meta = collectGarbage(store, meta);
    store.commit();
  }

  private static StreamMeta discardStaging(Store store, StreamMeta meta) {
    StreamMeta without = meta.withoutStaging();
    store.putMeta(without);
    return collectGarbage(store, without);
  }

  private static StreamMeta collectGarbage(Store store, StreamMeta meta) {
    if (meta.garbage().isEmpty()) {
      return meta;
    }
    StreamMeta out = meta;
    for (long generation : meta.garbage()) {
      store.drop(meta.key(), generation);
      out = out.collected(generation);
    }
    store.putMeta(out);
    return out;
  }

  private static String describe(Layout layout) {
    return layout == Layout.KEYED ? "keyed data (one entry per primary key, append_dedup)"
        : "appended data (one entry per record, append or overwrite)";
  }

  @Override
  public String toString() {
    return stream.descriptor() + " → generation " + target.number() + (staged ? " (staged)" : "");
  }
}
