package io.jcdk.source.postgres.cdc;

import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.RawJson;
import io.jcdk.source.GlobalEmitter;
import io.jcdk.source.postgres.PgColumn;
import io.jcdk.source.postgres.PgIdentifier;
import io.jcdk.source.postgres.PgRecordWriter;
import io.jcdk.source.postgres.PgType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The first read of CDC tables: one REPEATABLE READ transaction, so every table is read as of the
 * same instant, whose visibility becomes the tables' {@link SnapshotFilter}.
 *
 * <p>Rows are read in primary-key order with a server-side cursor; a checkpoint records the last
 * key, and a later sync continues after it in a new snapshot. The table keeps the filter of its
 * first snapshot: every transaction that filter skips is in the later snapshot too, and the ones it
 * applies end in the same state whichever part of the table a row came from (applying a
 * transaction to a row that already shows it writes the same values again, in commit order). A
 * table without a primary key is read again from its start.
 */
final class InitialSnapshot implements AutoCloseable {

  private final Connection connection;
  private final SnapshotFilter filter;
  private final String startedAt;
  private final int fetchSize;

  private InitialSnapshot(Connection connection, SnapshotFilter filter, String startedAt, int fetchSize) {
    this.connection = connection;
    this.filter = filter;
    this.startedAt = startedAt;
    this.fetchSize = fetchSize;
  }

  /**
   * Starts the snapshot transaction on {@code connection} (which it owns from now on) and reads
   * its visibility, the WAL position, the slot's {@code restart_lsn} and its start time in the same
   * statement. The start time is the server's, in microseconds, like the commit times of the changes
   * streamed after it.
   */
  static InitialSnapshot begin(Connection connection, String slot, int fetchSize) throws SQLException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
    String sql = "SELECT txid_current_snapshot()::text, pg_current_wal_insert_lsn()::text,"
        + " (SELECT restart_lsn::text FROM pg_catalog.pg_replication_slots WHERE slot_name = ?), now()";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, slot);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        String restart = rs.getString(3);
        if (restart == null) {
          throw new IllegalStateException("replication slot " + slot + " vanished or lost its WAL during the snapshot");
        }
        SnapshotFilter filter = SnapshotFilter.parse(rs.getString(1), Lsn.parse(rs.getString(2)), Lsn.parse(restart));
        Instant startedAt = rs.getObject(4, OffsetDateTime.class).toInstant();
        return new InitialSnapshot(connection, filter, startedAt.toString(), fetchSize);
      }
    }
  }

  /** The visibility of this snapshot, for tables that start their snapshot in it. */
  SnapshotFilter filter() {
    return filter;
  }

  /**
   * Emits the rows of {@code table} after {@code resumeAfter} (all rows when null), with the CDC
   * fields of {@code tableFilter}; calls {@code checkpoint} with the last emitted key whenever
   * the emitter asks for a checkpoint. A column that does not fit the configured schema is a config
   * error ({@link SchemaChanges#checkSnapshot}).
   */
  void read(CapturedTable table, SnapshotFilter tableFilter, List<String> resumeAfter, GlobalEmitter emitter,
      Consumer<List<String>> checkpoint) throws SQLException {
    Meta meta = SchemaChanges.checkSnapshot(table);
    List<PgColumn> columns = table.columns();
    List<String> key = table.primaryKey();
    List<String> selectList = new ArrayList<>();
    columns.forEach(c -> selectList.add(c.name()));
    int[] keyIndex = new int[key.size()];
    for (int k = 0; k < key.size(); k++) {
      int at = selectList.indexOf(key.get(k));
      if (at < 0) {
        at = selectList.size();
        selectList.add(key.get(k));
      }
      keyIndex[k] = at + 1;
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < selectList.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(PgIdentifier.quote(selectList.get(i)));
    }
    sql.append(" FROM ").append(table.table().sqlName());
    boolean resuming = resumeAfter != null && !key.isEmpty() && resumeAfter.size() == key.size();
    if (resuming) {
      Map<String, String> types = keyTypes(table);
      sql.append(" WHERE (").append(PgIdentifier.quoteAll(key)).append(") > (");
      for (int k = 0; k < key.size(); k++) {
        sql.append(k == 0 ? "" : ", ").append("CAST(? AS ").append(types.get(key.get(k))).append(')');
      }
      sql.append(')');
    }
    if (!key.isEmpty()) {
      sql.append(" ORDER BY ").append(PgIdentifier.quoteAll(key));
    }
    PgRecordWriter writer = new PgRecordWriter(columns);
    long recordLsn = tableFilter.recordLsn().value();
    try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
      s.setFetchSize(fetchSize);
      if (resuming) {
        for (int k = 0; k < key.size(); k++) {
          s.setString(k + 1, resumeAfter.get(k));
        }
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          writer.begin();
          for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).type().kind() == PgType.Kind.BYTEA) {
              writer.binaryField(i, rs.getBytes(i + 1));
            } else {
              // With binaryTransfer off, getBytes is the value's text as the server sent it.
              writer.field(i, rs.getBytes(i + 1));
            }
          }
          try {
            CdcRecordWriter.writeSnapshotFields(writer.generator(), recordLsn, startedAt);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          RawJson data = writer.finish();
          emitter.emit(table.descriptor(), data, meta);
          if (emitter.checkpointDue() && !key.isEmpty()) {
            List<String> last = new ArrayList<>(key.size());
            for (int index : keyIndex) {
              last.add(rs.getString(index));
            }
            checkpoint.accept(last);
          }
        }
      }
    }
  }

  /** The key columns' types as SQL can name them, to cast the saved text keys back. */
  private Map<String, String> keyTypes(CapturedTable table) throws SQLException {
    Map<String, String> types = new HashMap<>();
    String sql = "SELECT attname, format_type(atttypid, NULL) FROM pg_catalog.pg_attribute"
        + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setLong(1, table.table().oid());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  /** Ends the snapshot transaction and closes the connection. */
  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
