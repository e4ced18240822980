package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads tables: full refresh (resumable), cursor incremental and xmin incremental. Each read
 * streams one query with COPY ({@link TableScan}) and writes records straight to bytes.
 *
 * <p>The caller owns the connection and its transaction: call {@link #prepare} once, read, then
 * commit. Inside one transaction at REPEATABLE READ every read sees one snapshot; the CDC snapshot
 * sets its own snapshot ({@code SET TRANSACTION SNAPSHOT}) before calling {@link #fullRefresh}.
 */
public final class TableReader {

  private static final Logger LOG = Logger.getLogger(TableReader.class.getName());

  private final Connection connection;

  public TableReader(Connection connection) {
    this.connection = connection;
  }

  /**
   * Session settings for reads, then autocommit off at REPEATABLE READ, read only. Scans must
   * return heap pages in order for ctid checkpoints: no synchronized scans (which start where
   * another scan is) and no parallel workers.
   */
  public static void prepare(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement s = connection.createStatement()) {
      s.execute("SET synchronize_seqscans = off");
      s.execute("SET max_parallel_workers_per_gather = 0");
      // Cursor states keep timestamptz text: the same text whatever the JVM's time zone.
      s.execute("SET TimeZone = 'UTC'");
    }
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
  }

  /**
   * Reads every row of {@code table}, resuming from {@code priorState} when it is a checkpoint of an
   * earlier attempt; checkpoints as the sink asks. Returns null: a completed full refresh leaves no
   * state, so the next one reads everything again.
   *
   * <p>Tables and materialized views resume by ctid page ({@link CtidPosition}), partitioned tables
   * with a primary key by key; views and foreign tables cannot resume and start over.
   */
  public JsonNode fullRefresh(PgTable table, JsonNode priorState, RecordSink sink, RecordSink.ExtraFields extra)
      throws SQLException {
    TableScan scan = new TableScan(connection, table, extra);
    String select = "SELECT " + table.selectList();
    if (table.kind().isHeap()) {
      long filenode = relfilenode(table);
      long start = CtidPosition.resumePage(priorState, filenode);
      if (start > 0) {
        LOG.info(() -> "Stream " + table + ": resuming the full refresh at page " + start + ".");
      } else if (priorState != null && priorState.has("ctid_page")) {
        LOG.info(() -> "Stream " + table + ": the table was rewritten since the checkpoint; reading it from the start.");
      }
      String sql = select + ", ctid FROM " + table.sqlName() + (start > 0 ? " WHERE ctid >= " + CtidPosition.tid(start) : "");
      scan.run(sql, 1, sink, new CtidPosition(start, filenode, CtidPosition.emptyBase()));
    } else if (table.kind() == PgTable.Kind.PARTITIONED_TABLE && !table.primaryKey().isEmpty()) {
      List<String> after = KeyPosition.resumeAfter(priorState, table.primaryKey());
      StringBuilder sql = new StringBuilder(select).append(" FROM ").append(table.sqlName());
      if (after != null) {
        List<String> types = sqlTypes(table, table.primaryKey());
        sql.append(" WHERE (").append(PgIdentifier.quoteAll(table.primaryKey())).append(") > (");
        for (int i = 0; i < types.size(); i++) {
          sql.append(i == 0 ? "" : ", ").append(PgIdentifier.literal(after.get(i))).append("::").append(types.get(i));
        }
        sql.append(')');
      }
      sql.append(" ORDER BY ").append(PgIdentifier.quoteAll(table.primaryKey()));
      scan.run(sql.toString(), 0, sink, new KeyPosition(table));
    } else {
      scan.run(select + " FROM " + table.sqlName(), 0, sink, TableScan.Position.NONE);
    }
    return null;
  }

  /**
   * Reads the rows whose {@code cursorColumn} is at or above the saved cursor, in cursor order
   * (NULL cursors last, on a first sync only); see {@link CursorPosition} for why it is {@code >=}.
   * Returns the final state.
   */
  public JsonNode cursorIncremental(PgTable table, String cursorColumn, JsonNode priorState, RecordSink sink)
      throws SQLException {
    ColumnType type = columnType(table, cursorColumn).orElseThrow(() -> ConnectorException.config("The cursor"
        + " field '" + cursorColumn + "' of stream " + table + " is not a column the role can read; choose one of "
        + columnNames(table) + "."));
    String start = CursorPosition.resumeFrom(priorState, table, cursorColumn, type.category());
    // The value itself stays out of the log: a cursor may be personal data (an email, a name).
    LOG.info(() -> "Stream " + table + ": reading by " + cursorColumn
        + (start == null ? ", every row" : ", rows at or after the saved cursor") + ".");
    String cursor = PgIdentifier.quote(cursorColumn);
    // ORDER BY a qualified column: a bare name would also match the ::text output column.
    String sql = "SELECT " + table.selectList() + ", " + cursor + "::text FROM " + table.sqlName() + " AS t"
        + (start == null ? "" : " WHERE " + cursor + " >= " + PgIdentifier.literal(start) + "::" + type.sqlName())
        + " ORDER BY t." + cursor;
    CursorPosition position = new CursorPosition(table, cursorColumn, type.category(), start);
    try {
      new TableScan(connection, table, RecordSink.ExtraFields.NONE).run(sql, 1, sink, position);
    } catch (SQLException e) {
      if ("42883".equals(e.getSQLState())) {
        throw ConnectorException.config("The cursor field '" + cursorColumn + "' of stream " + table
            + " has a type that cannot be ordered (" + PostgresErrorClassifier.firstLine(e.getMessage())
            + "); choose a column of an ordered type (integer, numeric, timestamp, date, text...).", e);
      }
      throw e;
    }
    return position.state();
  }

  /**
   * Reads the rows inserted or updated by transactions at or after the saved xmin (all rows on a
   * first sync), resumable by ctid. See {@link XminRange} for the wraparound-safe comparison.
   * Returns the final state.
   */
  public JsonNode xmin(PgTable table, JsonNode priorState, RecordSink sink) throws SQLException {
    if (!table.kind().hasXmin()) {
      throw ConnectorException.config("Stream " + table + " is a " + table.kind().name().toLowerCase().replace('_', ' ')
          + ", which has no xmin column; sync it with full refresh.");
    }
    XminRange range = XminRange.begin(connection, priorState);
    TableScan scan = new TableScan(connection, table, RecordSink.ExtraFields.NONE);
    String where = range.condition();
    if (table.kind().isHeap()) {
      long filenode = relfilenode(table);
      long start = range.resumePage(filenode);
      if (start > 0) {
        where = (where == null ? "" : where + " AND ") + "ctid >= " + CtidPosition.tid(start);
      }
      String sql = "SELECT " + table.selectList() + ", ctid FROM " + table.sqlName()
          + (where == null ? "" : " WHERE " + where);
      scan.run(sql, 1, sink, range.position(new CtidPosition(start, filenode, Json.object())));
    } else {
      String sql = "SELECT " + table.selectList() + " FROM " + table.sqlName() + (where == null ? "" : " WHERE " + where);
      scan.run(sql, 0, sink, range.position(null));
    }
    return range.finalState();
  }

  private long relfilenode(PgTable table) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_relation_filenode(?::oid)")) {
      s.setLong(1, table.oid());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * A column's SQL type name ({@code format_type}, schema-qualified when needed) for casting
   * parameters, and its {@code typcategory} (which a domain copies from its base type).
   */
  private record ColumnType(String sqlName, char category) {}

  /** The type of {@code column} of {@code table}, if the role can read it (selected by the stream or not). */
  private Optional<ColumnType> columnType(PgTable table, String column) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT format_type(a.atttypid, NULL), t.typcategory"
        + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
        + " WHERE a.attrelid = ?::oid AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped"
        + " AND has_column_privilege(a.attrelid, a.attnum, 'SELECT')")) {
      s.setLong(1, table.oid());
      s.setString(2, column);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String category = rs.getString(2);
        return Optional.of(new ColumnType(rs.getString(1), category.isEmpty() ? 'X' : category.charAt(0)));
      }
    }
  }

  /** The SQL type names ({@code format_type}, schema-qualified when needed) for casting parameters. */
  private List<String> sqlTypes(PgTable table, List<String> columns) throws SQLException {
    List<String> types = new ArrayList<>();
    for (String column : columns) {
      types.add(columnType(table, column).orElseThrow(() -> new IllegalStateException(
          "column " + column + " of " + table + " vanished")).sqlName());
    }
    return types;
  }

  private static List<String> columnNames(PgTable table) {
    return table.columns().stream().map(PgColumn::name).toList();
  }
}
