package io.jcdk.source.postgres.cdc;

import io.jcdk.protocol.RawJson;
import io.jcdk.source.GlobalEmitter;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import io.jcdk.source.postgres.PgTypes;
import io.jcdk.source.postgres.cdc.CdcState.TableState;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Begin;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Column;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Commit;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Delete;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Insert;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Truncate;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import org.postgresql.replication.PGReplicationStream;

/**
 * Reads the replication stream of one sync: decodes pgoutput, emits a record per change of a
 * captured table, and checkpoints between transactions.
 *
 * <p>Positions. A checkpoint's LSN is always a point between transactions: the end of the last
 * transaction all of whose records were emitted, or a position the server reported in a keepalive
 * while no transaction was open (the server sends a transaction whole before it reports a position
 * past its commit). Restarting the slot there re-sends exactly the transactions not yet emitted.
 *
 * <p>End. The sync is over once no transaction is open and the server has reported reading the WAL
 * up to {@code target} (the WAL flushed when the sync started), or when the server stalls: no
 * progress for the configured initial waiting time ({@link SyncProgress}).
 *
 * <p>The slot. Only the positions the destination confirmed may reach the slot ({@code
 * setFlushedLSN}); pgjdbc's automatic flush is off, so keepalives do not move it either.
 */
final class ChangeStream {

  private static final Logger LOG = Logger.getLogger(ChangeStream.class.getName());
  /** How often to ask the server for its position while waiting to reach the target. */
  private static final long POSITION_REQUEST_NANOS = Duration.ofMillis(200).toNanos();

  private final CdcConfig config;
  private final Map<String, CapturedTable> tablesByName;
  private final Connection connection;
  private final GlobalEmitter emitter;
  private final Heartbeat heartbeat;
  private final Lsn target;
  private final PgOutputDecoder decoder = new PgOutputDecoder();
  private final CdcRecordWriter writer = new CdcRecordWriter();
  private final Map<Integer, RelationBinding> relations = new HashMap<>();
  private final SchemaChanges schemaChanges;
  private final UnchangedToast unchangedToast;
  private PgTypes types;
  private CdcState state;
  private PGReplicationStream stream;
  /** The end of the last transaction whose records were all emitted, and the last checkpoint. */
  private Lsn safe;
  private Lsn checkpointed;

  // The open transaction.
  private boolean inTransaction;
  private int xid;
  private Lsn commitLsn;
  private String commitTime;
  private Set<CapturedTable> skipped = Set.of();
  private long records;
  private long recordsAtBegin;

  ChangeStream(CdcConfig config, Map<String, CapturedTable> tablesByName, Connection connection, PgTypes types,
      GlobalEmitter emitter, CdcState state, Lsn target) {
    this.config = config;
    this.tablesByName = tablesByName;
    this.connection = connection;
    this.types = types;
    this.emitter = emitter;
    this.state = state;
    this.target = target;
    this.heartbeat = new Heartbeat(connection, config.heartbeatActionQuery().orElse(null));
    this.schemaChanges = new SchemaChanges(connection);
    this.unchangedToast = new UnchangedToast(connection, writer, emitter);
  }

  /**
   * Streams until caught up with the target or the server stalls; returns the state to save.
   *
   * <p>One thread reads, decodes, converts and emits. A separate reading thread handing decoded
   * messages over a queue was measured slower (about 1.6x the time over the same WAL on two
   * cores): the records cost far less CPU than the walsender's decoding, and another busy thread
   * only takes CPU from it.
   */
  CdcState run(PGReplicationStream replicationStream) throws SQLException {
    stream = replicationStream;
    safe = state.lsn();
    checkpointed = safe;
    SyncProgress progress = new SyncProgress(SyncProgress.Walsender.of(connection, config.replicationSlot()),
        config.initialWaiting(), safe, target, System.nanoTime());
    long lastPositionRequest = 0;
    heartbeat.runIfDue();
    while (true) {
      // readPending waits up to 1 ms for data itself (pgjdbc peeks the socket with that timeout);
      // any longer pause lets the socket buffer fill and stalls the walsender.
      ByteBuffer buffer = stream.readPending();
      if (buffer != null) {
        progress.message(System.nanoTime());
        long lsn = stream.getLastReceiveLSN().asLong();
        PgOutputMessage message = decoder.decode(buffer);
        if (message instanceof Commit commit) {
          inTransaction = false;
          safe = Lsn.max(safe, commit.endLsn());
          if (emitter.checkpointDue()) {
            checkpoint();
          }
          if (!safe.isBefore(target)) {
            break;
          }
        } else {
          handle(message, lsn);
        }
        continue;
      }
      long now = System.nanoTime();
      unchangedToast.flushIfDue(now);
      progress.position(Lsn.of(stream.getLastReceiveLSN()), now);
      if (!inTransaction) {
        // Keepalives raise the receive position to how far the server has read the WAL; it sends
        // every transaction that committed before that position first.
        safe = Lsn.max(safe, Lsn.of(stream.getLastReceiveLSN()));
        if (!safe.isBefore(target)) {
          break;
        }
        if (emitter.checkpointDue() && safe.isAfter(checkpointed)) {
          checkpoint();
        }
        if (now - lastPositionRequest > POSITION_REQUEST_NANOS) {
          // The server answers with a keepalive carrying its position.
          stream.forceUpdateStatus();
          lastPositionRequest = now;
        }
      }
      if (progress.stalled(now)) {
        LOG.warning("The server sent no change, did not move its position and was not decoding for "
            + SyncProgress.seconds(config.initialWaiting()) + " (initial_waiting_seconds): ending the sync at " + safe
            + " before reaching " + target + ". The next sync goes on from there.");
        break;
      }
      progress.log(now, records);
      heartbeat.runIfDue();
    }
    unchangedToast.flush();
    unchangedToast.logTotals();
    state = state.withLsn(safe).dropFiltersBefore(safe);
    if (config.lsnCommit() == LsnCommitBehaviour.WHILE_READING) {
      flush(stream, safe);
    }
    LOG.info("Streamed " + records + " change records up to " + safe + ".");
    return state;
  }

  private void handle(PgOutputMessage message, long lsn) throws SQLException {
    switch (message.type()) {
      case BEGIN -> begin((Begin) message);
      case RELATION -> relation((Relation) message);
      case INSERT -> {
        Insert insert = (Insert) message;
        RelationBinding b = binding(insert.relationId());
        if (b != null) {
          emit(b, writer.row(b, insert.newTuple(), null, lsn, commitTime));
        }
      }
      case UPDATE -> update((Update) message, lsn);
      case DELETE -> {
        Delete delete = (Delete) message;
        RelationBinding b = binding(delete.relationId());
        if (b != null) {
          emit(b, writer.deletion(b, delete.oldTuple(), delete.oldKind() == 'K', lsn, commitTime));
        }
      }
      case TRUNCATE -> truncate((Truncate) message);
      default -> { }
    }
  }

  private void begin(Begin begin) {
    inTransaction = true;
    xid = begin.xid();
    commitLsn = begin.finalLsn();
    commitTime = begin.commitTime().toString();
    recordsAtBegin = records;
    skipped = Set.of();
    for (CapturedTable t : tablesByName.values()) {
      TableState ts = state.tables().get(t.descriptor());
      if (ts != null && ts.snapshot() != null && ts.snapshot().contains(xid, commitLsn)) {
        if (skipped.isEmpty()) {
          skipped = new HashSet<>();
        }
        skipped.add(t);
      }
    }
  }

  private void relation(Relation relation) throws SQLException {
    CapturedTable table = tablesByName.get(key(relation.namespace(), relation.name()));
    if (table == null) {
      table = partitionRoot(relation.relationId());
    }
    if (table == null) {
      relations.remove(relation.relationId());
      return;
    }
    for (Column c : relation.columns()) {
      if (!types.contains(c.typeOid())) {
        // A type created after the sync started (a new enum, say): read the catalog again.
        types = PgTypes.load(connection);
        break;
      }
    }
    SchemaChanges.Fit fit = schemaChanges.fit(relation, table, types);
    if (fit.error() != null) {
      if (records == recordsAtBegin && safe.isAfter(checkpointed)) {
        // Once the schema is refreshed, the next sync starts right at this transaction.
        checkpoint();
      }
      throw fit.error();
    }
    RelationBinding previous = relations.get(relation.relationId());
    relations.put(relation.relationId(), schemaChanges.bind(relation, table, previous, commitLsn, types, fit));
  }

  /**
   * The captured table a partition belongs to: unless the publication sets
   * {@code publish_via_partition_root}, changes of a partitioned table arrive under the names of
   * its partitions. Their columns are bound by name, so a partition with its own column order works.
   */
  private CapturedTable partitionRoot(int relationId) throws SQLException {
    String sql = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = pg_partition_root(?::oid::regclass)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setLong(1, Integer.toUnsignedLong(relationId));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? tablesByName.get(key(rs.getString(1), rs.getString(2))) : null;
      }
    }
  }

  private void update(Update update, long lsn) throws SQLException {
    RelationBinding b = binding(update.relationId());
    if (b == null) {
      return;
    }
    if (update.oldKind() == 'K') {
      // The replica identity changed: the row under the old key is gone.
      emit(b, writer.deletion(b, update.oldTuple(), true, lsn, commitTime));
    }
    TupleData oldRow = update.oldKind() == 'O' ? update.oldTuple() : null;
    if (oldRow != null && keyChanged(b, oldRow, update.newTuple())) {
      emit(b, writer.deletion(b, oldRow, true, lsn, commitTime));
    }
    if (oldRow == null && UnchangedToast.lacksValues(b, update.newTuple())) {
      unchangedToast.waitForValues(b, update.newTuple(), lsn, commitTime);
      records++;
    } else {
      emit(b, writer.row(b, update.newTuple(), oldRow, lsn, commitTime));
    }
  }

  private static boolean keyChanged(RelationBinding b, TupleData oldRow, TupleData newRow) {
    for (int i = 0; i < b.size() && i < oldRow.size() && i < newRow.size(); i++) {
      if (b.table().primaryKey().contains(b.columnName(i)) && newRow.hasValue(i)
          && !Objects.equals(oldRow.text(i), newRow.text(i))) {
        return true;
      }
    }
    return false;
  }

  private void truncate(Truncate truncate) {
    for (int relationId : truncate.relationIds()) {
      RelationBinding b = binding(relationId);
      if (b != null) {
        LOG.warning("Table " + b.table().descriptor() + " was truncated (commit " + commitLsn + "). TRUNCATE removes"
            + " rows without a delete per row, so the destination still holds them; refresh the stream"
            + " (clear its data and sync again) to drop them.");
      }
    }
  }

  /** The binding of a captured table, or null for a table this sync does not read or must skip now. */
  private RelationBinding binding(int relationId) {
    RelationBinding b = relations.get(relationId);
    if (b == null || skipped.contains(b.table())) {
      return null;
    }
    return b;
  }

  private void emit(RelationBinding b, RawJson data) throws SQLException {
    unchangedToast.emit(b.table().descriptor(), data, writer.meta());
    records++;
  }

  /** Emits the state at {@link #safe}. */
  private void checkpoint() throws SQLException {
    unchangedToast.flush();
    state = state.withLsn(safe).dropFiltersBefore(safe);
    emitter.checkpoint(state.toGlobalState());
    if (config.lsnCommit() == LsnCommitBehaviour.WHILE_READING) {
      flush(stream, safe);
    }
    checkpointed = safe;
  }

  private static void flush(PGReplicationStream stream, Lsn position) throws SQLException {
    stream.setFlushedLSN(position.toLogSequenceNumber());
    stream.forceUpdateStatus();
  }

  static String key(String namespace, String name) {
    return namespace + '\u0000' + name;
  }
}
