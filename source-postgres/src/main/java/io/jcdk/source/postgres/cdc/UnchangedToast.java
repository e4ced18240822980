package io.jcdk.source.postgres.cdc;

import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.GlobalEmitter;
import io.jcdk.source.postgres.PgIdentifier;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Completes updates whose new row lacks a TOASTed value they left unchanged (REPLICA IDENTITY
 * DEFAULT or USING INDEX: the WAL holds no old row to take it from). The value is read back from
 * the table by the row's replica identity, for a batch of rows in one query per table, and records
 * leave in WAL order: once a row waits for its values, every record after it waits too.
 *
 * <p>The value read may be newer than the change: a later change of the row may already be
 * committed. That later change is in the WAL after this one, so it is emitted later (in this sync
 * or the next) with the row's values as of then, and the last record of the row, the one a
 * deduplicating destination keeps, is the row the database holds. A row that is gone when read
 * (deleted, or its key changed, after the update) keeps the field out and lists it in {@code
 * meta.changes} ({@code NULLED}, {@code SOURCE_RETRIEVAL_ERROR}); its delete (or the change of its
 * key, which emits a delete of the old key) follows in the WAL, so it ends deleted in the
 * destination. A value whose column has another type now is treated the same.
 *
 * <p>Waiting records are emitted when {@link #BATCH_ROWS} rows wait, when they hold {@link
 * #BATCH_BYTES}, when the first of them has waited {@link #MAX_WAIT} and the socket holds no
 * message ({@link #flushIfDue}), and before every checkpoint and at the end ({@link #flush}).
 */
final class UnchangedToast {

  static final int BATCH_ROWS = 1_000;
  static final long BATCH_BYTES = 16L << 20;
  static final Duration MAX_WAIT = Duration.ofSeconds(1);
  private static final Logger LOG = Logger.getLogger(UnchangedToast.class.getName());
  /** undefined_table, undefined_column. */
  private static final Set<String> GONE = Set.of("42P01", "42703");

  private sealed interface Queued permits Ready, Waiting {}

  private record Ready(StreamDescriptor stream, RawJson data, Meta meta) implements Queued {}

  private record Waiting(RelationBinding binding, TupleData row, long lsn, String commitTime) implements Queued {}

  private final Connection connection;
  private final CdcRecordWriter writer;
  private final GlobalEmitter emitter;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final Map<Integer, String> sqlTypes = new HashMap<>();
  private final Map<StreamDescriptor, long[]> readBack = new LinkedHashMap<>();
  private final Set<StreamDescriptor> toldGone = new HashSet<>();
  private int waiting;
  private long queuedBytes;
  private long firstQueuedAt;

  /** {@code connection}: a plain connection (autocommit) for the reads. */
  UnchangedToast(Connection connection, CdcRecordWriter writer, GlobalEmitter emitter) {
    this.connection = connection;
    this.writer = writer;
    this.emitter = emitter;
  }

  /** True when the update's new row {@code row} lacks a TOASTed value of a column the stream emits. */
  static boolean lacksValues(RelationBinding binding, TupleData row) {
    for (int i = 0; i < binding.size() && i < row.size(); i++) {
      if (row.isUnchangedToast(i) && binding.name(i) != null && !binding.omitted(i)) {
        return true;
      }
    }
    return false;
  }

  /** Emits a record, or queues it behind the rows waiting for values. */
  void emit(StreamDescriptor stream, RawJson data, Meta meta) throws SQLException {
    if (queue.isEmpty()) {
      emitter.emit(stream, data, meta);
      return;
    }
    queue.add(new Ready(stream, data, meta));
    queuedBytes += data.size();
    if (queuedBytes >= BATCH_BYTES) {
      flush();
    }
  }

  /** Queues an update whose new row {@code row} lacks unchanged TOASTed values. */
  void waitForValues(RelationBinding binding, TupleData row, long lsn, String commitTime) throws SQLException {
    StreamDescriptor stream = binding.table().descriptor();
    if (!readBack.containsKey(stream)) {
      readBack.put(stream, new long[2]);
      LOG.info("Table " + stream + " has no REPLICA IDENTITY FULL: an update that leaves a TOASTed (large) value"
          + " unchanged does not carry it, so the connector reads such values back from the table by key, a query"
          + " per batch of rows. ALTER TABLE " + binding.table().table().sqlName() + " REPLICA IDENTITY FULL puts"
          + " them in the WAL instead and saves these queries (the WAL then holds the whole old row of every"
          + " update and delete).");
    }
    if (queue.isEmpty()) {
      firstQueuedAt = System.nanoTime();
    }
    queue.add(new Waiting(binding, row, lsn, commitTime));
    waiting++;
    if (waiting >= BATCH_ROWS) {
      flush();
    }
  }

  /** Flushes when the first waiting record has waited {@link #MAX_WAIT} ({@code now}: {@link System#nanoTime}). */
  void flushIfDue(long now) throws SQLException {
    if (!queue.isEmpty() && now - firstQueuedAt >= MAX_WAIT.toNanos()) {
      flush();
    }
  }

  /** Reads the values of every waiting row and emits everything queued, in order. */
  void flush() throws SQLException {
    if (queue.isEmpty()) {
      return;
    }
    Map<RelationBinding, List<Waiting>> byShape = new LinkedHashMap<>();
    for (Queued q : queue) {
      if (q instanceof Waiting w) {
        byShape.computeIfAbsent(w.binding(), b -> new ArrayList<>()).add(w);
      }
    }
    Map<Waiting, TupleData> values = new IdentityHashMap<>();
    for (Map.Entry<RelationBinding, List<Waiting>> shape : byShape.entrySet()) {
      read(shape.getKey(), shape.getValue(), values);
    }
    while (!queue.isEmpty()) {
      Queued q = queue.poll();
      if (q instanceof Ready r) {
        emitter.emit(r.stream(), r.data(), r.meta());
      } else if (q instanceof Waiting w) {
        RawJson data = writer.row(w.binding(), w.row(), values.get(w), w.lsn(), w.commitTime());
        emitter.emit(w.binding().table().descriptor(), data, writer.meta());
      }
    }
    waiting = 0;
    queuedBytes = 0;
  }

  /** Logs, per table, how many rows were completed in how many queries. */
  void logTotals() {
    readBack.forEach((stream, counts) -> LOG.info("Read back unchanged TOASTed values of " + counts[0]
        + " updated rows of " + stream + " in " + counts[1] + " queries."));
  }

  /** Reads the missing values of {@code rows} (all of one shape) into {@code values}. */
  private void read(RelationBinding b, List<Waiting> rows, Map<Waiting, TupleData> values) throws SQLException {
    List<Integer> keys = new ArrayList<>();
    Set<Integer> needed = new TreeSet<>();
    for (int i = 0; i < b.size(); i++) {
      if (b.isKey(i)) {
        keys.add(i);
      }
    }
    Map<List<String>, List<Waiting>> byKey = new LinkedHashMap<>();
    for (Waiting w : rows) {
      List<String> key = new ArrayList<>(keys.size());
      for (int k : keys) {
        key.add(w.row().hasValue(k) ? w.row().text(k) : null);
      }
      if (keys.isEmpty() || key.contains(null)) {
        continue; // no key to find the row by: the values stay NULLED
      }
      byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(w);
      for (int i = 0; i < w.row().size() && i < b.size(); i++) {
        if (w.row().isUnchangedToast(i) && b.name(i) != null && !b.omitted(i)) {
          needed.add(i);
        }
      }
    }
    if (byKey.isEmpty()) {
      return;
    }
    List<Integer> columns = List.copyOf(needed);
    String sql = query(b, keys, columns);
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int k = 0; k < keys.size(); k++) {
        int column = k;
        Array array = connection.createArrayOf("text", byKey.keySet().stream().map(key -> key.get(column)).toArray());
        s.setArray(k + 1, array);
      }
      Set<List<String>> found = new HashSet<>();
      try (ResultSet rs = executeUnlessGone(s, b)) {
        while (rs != null && rs.next()) {
          List<String> key = new ArrayList<>(keys.size());
          for (int k = 0; k < keys.size(); k++) {
            key.add(rs.getString(k + 1));
          }
          TupleData fetched = fetched(b, columns, rs, keys.size());
          found.add(key);
          byKey.getOrDefault(key, List.of()).forEach(w -> values.put(w, fetched));
        }
      }
      long[] counts = readBack.get(b.table().descriptor());
      counts[0] += rows.size();
      counts[1]++;
      if (found.size() < byKey.size() && toldGone.add(b.table().descriptor())) {
        LOG.info("Rows of " + b.table().descriptor() + " were gone when their unchanged TOASTed values were read"
            + " back (deleted, or their key changed, later in the WAL): those update records list the values as"
            + " NULLED in meta.changes, and the later delete follows them.");
      }
    }
  }

  /**
   * Runs the read; null when the table or a column is gone (dropped after these changes): the
   * rows' values then stay NULLED, like those of deleted rows.
   */
  private static ResultSet executeUnlessGone(PreparedStatement s, RelationBinding b) throws SQLException {
    try {
      return s.executeQuery();
    } catch (SQLException e) {
      if (!GONE.contains(e.getSQLState())) {
        throw e;
      }
      LOG.warning("Could not read back unchanged TOASTed values of " + b.table().descriptor() + " ("
          + e.getMessage() + "): the table or column was dropped after these changes; their records list the"
          + " values as NULLED in meta.changes.");
      return null;
    }
  }

  /**
   * {@code SELECT k.k0, …, t.c::text, pg_typeof(t.c)::oid, … FROM table t JOIN unnest(?::text[], …)
   * AS k(k0, …) ON t.key0 = k.k0::type0 AND …}: the key as sent (to match it back exactly), then
   * each value's text and the column's type now.
   */
  private String query(RelationBinding b, List<Integer> keys, List<Integer> columns) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    StringBuilder unnest = new StringBuilder();
    StringBuilder on = new StringBuilder();
    for (int k = 0; k < keys.size(); k++) {
      int i = keys.get(k);
      select.append(k == 0 ? "" : ", ").append("k.k").append(k);
      unnest.append(k == 0 ? "" : ", ").append("?::text[]");
      on.append(k == 0 ? "" : " AND ").append("t.").append(PgIdentifier.quote(b.columnName(i)))
          .append(" = k.k").append(k).append("::").append(sqlType(b.type(i).oid()));
    }
    for (int i : columns) {
      String column = "t." + PgIdentifier.quote(b.columnName(i));
      select.append(", ").append(column).append("::text, pg_typeof(").append(column).append(")::oid");
    }
    StringBuilder names = new StringBuilder();
    for (int k = 0; k < keys.size(); k++) {
      names.append(k == 0 ? "" : ", ").append('k').append(k);
    }
    return select + " FROM " + b.table().table().sqlName() + " t JOIN unnest(" + unnest + ") AS k(" + names
        + ") ON " + on;
  }

  /** The row's fetched values as a tuple of the binding's shape; columns not fetched stay unknown. */
  private static TupleData fetched(RelationBinding b, List<Integer> columns, ResultSet rs, int keyCount)
      throws SQLException {
    byte[][] texts = new byte[b.size()][];
    byte[] kinds = new byte[b.size()];
    Arrays.fill(kinds, TupleData.UNCHANGED_TOAST);
    int at = keyCount + 1;
    for (int i : columns) {
      String text = rs.getString(at);
      long typeOid = rs.getLong(at + 1);
      at += 2;
      if (typeOid != Integer.toUnsignedLong(b.type(i).oid())) {
        continue; // retyped since: the value does not fit this record's shape
      }
      kinds[i] = text == null ? TupleData.NULL : TupleData.TEXT;
      texts[i] = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
    return TupleData.ofTexts(texts, kinds);
  }

  /** The SQL name of type {@code oid}, to cast a key's text back to it. */
  private String sqlType(int oid) throws SQLException {
    String name = sqlTypes.get(oid);
    if (name == null) {
      try (PreparedStatement s = connection.prepareStatement("SELECT format_type(?::oid, NULL)")) {
        s.setLong(1, Integer.toUnsignedLong(oid));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          name = rs.getString(1);
        }
      }
      sqlTypes.put(oid, name);
    }
    return name;
  }
}
