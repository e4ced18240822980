package io.jcdk.source.postgres.cdc;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.GlobalEmitter;
import io.jcdk.source.ReadContext;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.source.postgres.CdcConfig.InvalidPositionBehavior;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import io.jcdk.source.postgres.PgCatalog;
import io.jcdk.source.postgres.PgTable;
import io.jcdk.source.postgres.PgTypes;
import io.jcdk.source.postgres.PostgresErrorClassifier;
import io.jcdk.source.postgres.cdc.CdcState.Phase;
import io.jcdk.source.postgres.cdc.CdcState.TableState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

/**
 * Change data capture: reads the incremental streams of a CDC config under one GLOBAL state.
 *
 * <p>One sync:
 *
 * <ol>
 *   <li>Flush the WAL and note its end: the sync ends once it has streamed up to it.
 *   <li>Check the slot, the publication and the saved LSN. A saved LSN older than the slot's
 *       {@code confirmed_flush_lsn} means changes were lost: a config error, or with "Re-sync data"
 *       a new snapshot of every table.
 *   <li>Snapshot the tables that have none yet (first sync, new streams, after a re-sync), all in
 *       one REPEATABLE READ transaction ({@link InitialSnapshot}), checkpointing per table and
 *       within large tables. The stream position stays at the slot's position meanwhile.
 *   <li>Stream from the saved LSN ({@link ChangeStream}); the transactions a snapshot already
 *       contains are skipped for its tables ({@link SnapshotFilter}), so no change is lost or
 *       applied twice.
 * </ol>
 *
 * <p>With {@code lsn_commit_behaviour} "After loading Data in the destination" the slot is advanced
 * at the start of a sync to the LSN of the state the sync starts from (which the platform only
 * passes on once the destination committed everything before it); with "While reading Data" to
 * each checkpoint as it is emitted.
 */
public final class CdcReader {

  private static final Logger LOG = Logger.getLogger(CdcReader.class.getName());
  private static final int DEFAULT_FETCH_SIZE = 1_000;

  private final CdcConfig config;
  private final CdcConnections connections;
  private final int fetchSize;

  public CdcReader(CdcConfig config, CdcConnections connections, int fetchSize) {
    this.config = config;
    this.connections = connections;
    this.fetchSize = fetchSize > 0 ? fetchSize : DEFAULT_FETCH_SIZE;
  }

  /** Reads {@code streams} (the catalog's incremental streams) through {@code context}'s global reader. */
  public void read(List<ConfiguredAirbyteStream> streams, ReadContext context) {
    context.readGlobal(streams, (prior, emitter) -> sync(streams, prior, emitter));
  }

  GlobalState sync(List<ConfiguredAirbyteStream> streams, GlobalState prior, GlobalEmitter emitter) {
    try (Connection connection = connections.open()) {
      Lsn target = syncTarget(connection);
      PgTypes types = PgTypes.load(connection);
      Map<StreamDescriptor, CapturedTable> tables = captured(connection, types, streams);
      ReplicationSlot slot = ReplicationSlot.describe(connection, config.replicationSlot());
      CdcState state = startingState(CdcState.fromGlobalState(prior), slot, target, tables.keySet());
      Lsn confirmedAtStart = prior == null ? null : state.lsn();
      state = snapshot(connection, tables, state, emitter);
      ReplicationSlot now = ReplicationSlot.describe(connection, config.replicationSlot());
      if (state.lsn().isBefore(now.confirmedFlushLsn())) {
        throw ConnectorException.transientError("Replication slot '" + slot.name() + "' moved to "
            + now.confirmedFlushLsn() + " during the snapshot, past this sync's position " + state.lsn()
            + "; another client is consuming it. Give this connector its own slot.", null);
      }
      Map<String, CapturedTable> byName = new LinkedHashMap<>();
      tables.values().forEach(t -> byName.put(ChangeStream.key(t.table().schema(), t.table().name()), t));
      state = stream(connection, types, byName, state, emitter, target, confirmedAtStart);
      return state.toGlobalState();
    } catch (SQLException e) {
      throw PostgresErrorClassifier.classified("CDC read of slot '" + config.replicationSlot() + "'", e);
    }
  }

  /** The saved state checked against the slot, or a fresh one at the slot's position. */
  private CdcState startingState(CdcState saved, ReplicationSlot slot, Lsn walNow, Set<StreamDescriptor> streams) {
    if (saved != null && saved.lsn().isAfter(walNow)) {
      throw ConnectorException.config("The saved CDC position " + saved.lsn() + " is ahead of the server's WAL ("
          + walNow + "): the state belongs to another server or the database was restored. Reset the"
          + " connection's data to take a new snapshot.");
    }
    if (saved != null && saved.lsn().isBefore(slot.confirmedFlushLsn())) {
      String problem = "The saved CDC position " + saved.lsn() + " is older than replication slot '" + slot.name()
          + "' (confirmed_flush_lsn " + slot.confirmedFlushLsn() + "): the changes in between are gone from the slot.";
      if (config.invalidPosition() == InvalidPositionBehavior.FAIL_SYNC) {
        throw ConnectorException.config(problem + " Reset the connection's data, or set"
            + " invalid_cdc_cursor_position_behavior to 'Re-sync data' to take a new snapshot automatically.");
      }
      LOG.warning(problem + " Taking a new snapshot of every table (invalid_cdc_cursor_position_behavior is"
          + " 'Re-sync data').");
      saved = null;
    }
    if (saved == null) {
      return new CdcState(slot.confirmedFlushLsn(), Map.of());
    }
    Map<StreamDescriptor, TableState> kept = new LinkedHashMap<>();
    saved.tables().forEach((stream, table) -> {
      if (streams.contains(stream)) {
        kept.put(stream, table);
      }
    });
    return new CdcState(saved.lsn(), kept);
  }

  private CdcState snapshot(Connection connection, Map<StreamDescriptor, CapturedTable> tables, CdcState state,
      GlobalEmitter emitter) throws SQLException {
    List<CapturedTable> pending = tables.values().stream()
        .filter(t -> state.tables().get(t.descriptor()) == null
            || state.tables().get(t.descriptor()).phase() == Phase.SNAPSHOT)
        .toList();
    if (pending.isEmpty()) {
      return state;
    }
    CdcState current = state;
    try (InitialSnapshot snapshot = InitialSnapshot.begin(connections.open(), config.replicationSlot(), fetchSize)) {
      LOG.info("Snapshot of " + pending.size() + " table(s) at " + snapshot.filter() + ", streaming from "
          + state.lsn() + " afterwards.");
      for (CapturedTable table : pending) {
        TableState saved = current.tables().get(table.descriptor());
        SnapshotFilter filter = saved == null ? snapshot.filter() : saved.snapshot();
        List<String> resumeAfter = saved == null ? null : saved.resumeAfter();
        current = current.with(table.descriptor(), new TableState(Phase.SNAPSHOT, filter, resumeAfter));
        CdcState[] progress = {current};
        snapshot.read(table, filter, resumeAfter, emitter, key -> {
          progress[0] = progress[0].with(table.descriptor(), progress[0].tables().get(table.descriptor())
              .withResumeAfter(key));
          emitter.checkpoint(progress[0].toGlobalState());
        });
        current = progress[0].with(table.descriptor(), new TableState(Phase.STREAMING, filter, null));
        emitter.checkpoint(current.toGlobalState());
      }
    }
    return current;
  }

  private CdcState stream(Connection connection, PgTypes types, Map<String, CapturedTable> tables, CdcState state,
      GlobalEmitter emitter, Lsn target, Lsn confirmedAtStart) throws SQLException {
    try (Connection replication = connections.openReplication()) {
      PGReplicationStream stream;
      try {
        stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
            .withSlotName(config.replicationSlot())
            .withStartPosition(state.lsn().toLogSequenceNumber())
            .withSlotOption("proto_version", "1")
            .withSlotOption("publication_names", publicationOption(config.publication()))
            .withStatusInterval(10, TimeUnit.SECONDS)
            .withAutomaticFlush(false)
            .start();
      } catch (SQLException e) {
        throw PostgresErrorClassifier.classified("Starting replication from slot '" + config.replicationSlot()
            + "' with publication '" + config.publication() + "'", e);
      }
      if (config.lsnCommit() == LsnCommitBehaviour.AFTER_DESTINATION && confirmedAtStart != null) {
        // The state this sync started from was committed by the destination: the slot may let go of it.
        stream.setFlushedLSN(confirmedAtStart.toLogSequenceNumber());
        stream.forceUpdateStatus();
      }
      try {
        CdcState result = new ChangeStream(config, tables, connection, types, emitter, state, target).run(stream);
        stream.close();
        return result;
      } catch (SQLException e) {
        throw PostgresErrorClassifier.classified("The replication stream of slot '" + config.replicationSlot() + "'", e);
      }
    }
  }

  /** The configured streams as tables; each must exist and be in the publication. */
  private Map<StreamDescriptor, CapturedTable> captured(Connection connection, PgTypes types,
      List<ConfiguredAirbyteStream> streams) throws SQLException {
    Set<String> published = publishedTables(connection);
    PgCatalog catalog = new PgCatalog(connection, types);
    Map<StreamDescriptor, CapturedTable> tables = new LinkedHashMap<>();
    for (ConfiguredAirbyteStream stream : streams) {
      StreamDescriptor d = stream.descriptor();
      if (d.namespace() == null) {
        throw ConnectorException.config("Stream " + d.name() + " has no namespace; CDC streams are named"
            + " schema.table. Refresh the source schema.");
      }
      PgTable table = catalog.table(d.namespace(), d.name()).orElseThrow(() -> ConnectorException.config(
          "Stream " + d + ": no table " + d + " that this user can read. Refresh the source schema."));
      if (!published.contains(ChangeStream.key(table.schema(), table.name()))) {
        throw ConnectorException.config("Table " + d + " is not in publication '" + config.publication()
            + "', so its changes cannot be captured. Run ALTER PUBLICATION " + config.publication()
            + " ADD TABLE ...; or deselect the stream.");
      }
      tables.put(d, CapturedTable.of(stream, table));
    }
    return tables;
  }

  private Set<String> publishedTables(Connection connection) throws SQLException {
    Set<String> names = new HashSet<>();
    boolean exists;
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?)")) {
      s.setString(1, config.publication());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        exists = rs.getBoolean(1);
      }
    }
    if (!exists) {
      throw ConnectorException.config("replication_method.publication: publication '" + config.publication()
          + "' does not exist. Create it with CREATE PUBLICATION " + config.publication() + " FOR TABLE ...;");
    }
    // A partitioned table is published through its partitions (unless publish_via_partition_root).
    String sql = "SELECT pt.schemaname, pt.tablename, rn.nspname, rc.relname"
        + " FROM pg_catalog.pg_publication_tables pt"
        + " JOIN pg_catalog.pg_namespace n ON n.nspname = pt.schemaname"
        + " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename"
        + " JOIN pg_catalog.pg_class rc ON rc.oid = coalesce(pg_partition_root(c.oid), c.oid)"
        + " JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
        + " WHERE pt.pubname = ?";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, config.publication());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(ChangeStream.key(rs.getString(1), rs.getString(2)));
          names.add(ChangeStream.key(rs.getString(3), rs.getString(4)));
        }
      }
    }
    return names;
  }

  /**
   * The position this sync streams up to: every transaction committed before now is below it, and
   * the server can send up to it.
   *
   * <p>The server sends only flushed WAL, and with asynchronous commit (or WAL of transactions still
   * open) the flush point can stay behind the last commits until the next periodic flush, up to
   * 15 s on an idle server. So the sync first commits a transaction with {@code synchronous_commit
   * = local}, which flushes everything before it. It must write WAL to flush at all: a
   * transactional logical decoding message, which pgoutput does not send unless asked (the role
   * has REPLICATION, which the function needs). Should that fail, the target is the insert
   * position, and reaching it may take those 15 s.
   */
  private static Lsn syncTarget(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.execute("SET LOCAL synchronous_commit = local");
      s.execute("SELECT pg_logical_emit_message(true, 'jcdk', 'sync start')");
      connection.commit();
      return queryLsn(connection, "SELECT pg_current_wal_flush_lsn()::text");
    } catch (SQLException e) {
      connection.rollback();
      LOG.fine("Could not flush the WAL at the start of the sync (" + e.getMessage() + ")");
      return queryLsn(connection, "SELECT pg_current_wal_insert_lsn()::text");
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static Lsn queryLsn(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  /**
   * {@code publication_names} is a list of identifiers inside a string literal (pgjdbc adds the
   * single quotes but does not escape): quote the name so case and commas survive, and double any
   * single quote.
   */
  static String publicationOption(String publication) {
    return ('"' + publication.replace("\"", "\"\"") + '"').replace("'", "''");
  }
}
