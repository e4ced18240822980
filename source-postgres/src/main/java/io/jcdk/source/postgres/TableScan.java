package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The row loop every table read shares: streams one query with {@code COPY (query) TO STDOUT},
 * writes each row's columns with {@link PgRecordWriter}, and checkpoints when the sync's policy says
 * so with the state its {@link Position} gives.
 *
 * <p>Why COPY rather than a result set: the server writes rows exactly as fast as for any COPY (the
 * limit the performance target is measured against), the rows arrive as the same text a result set
 * or pgoutput carries (so values convert identically), and pgjdbc hands over one row at a time
 * with no per-field objects, so memory stays at one row whatever the table or row size. The query
 * runs in the caller's transaction and snapshot. COPY takes no bind parameters: callers put values
 * in as literals ({@link PgIdentifier#literal}, numbers from longs).
 *
 * <p>The query selects the table's columns first, in {@link PgTable#columns()} order, then any
 * columns the position needs (ctid, a cursor): those follow at index {@code columns}.
 */
final class TableScan {

  /** Tracks how far the scan got, from the row just emitted. */
  interface Position {
    Position NONE = new Position() {
      @Override
      public void advance(CopyRow row, int firstExtraField) {}

      @Override
      public JsonNode state() {
        return null;
      }
    };

    void advance(CopyRow row, int firstExtraField);

    /** The state to checkpoint now, or null when this read cannot resume part-way. */
    JsonNode state();
  }

  private final Connection connection;
  private final PgTable table;
  private final RecordSink.ExtraFields extraFields;

  TableScan(Connection connection, PgTable table, RecordSink.ExtraFields extraFields) {
    this.connection = connection;
    this.table = table;
    this.extraFields = Objects.requireNonNull(extraFields);
  }

  /**
   * Runs {@code query} (a SELECT of the table's columns plus {@code extraColumns} more); returns
   * the rows emitted.
   */
  long run(String query, int extraColumns, RecordSink sink, Position position) throws SQLException {
    int n = table.columns().size();
    PgRecordWriter writer = new PgRecordWriter(table.columns());
    CopyRow row = new CopyRow(n + extraColumns);
    long rows = 0;
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
    try {
      byte[] line;
      while ((line = copy.readFromCopy()) != null) {
        row.parse(line);
        writer.begin();
        byte[] data = row.data();
        for (int i = 0; i < n; i++) {
          writer.field(i, data, row.offset(i), row.length(i));
        }
        try {
          extraFields.write(writer.generator());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        RawJson record = writer.finish();
        sink.emit(record);
        rows++;
        position.advance(row, n);
        if (sink.checkpointDue()) {
          JsonNode state = position.state();
          if (state != null) {
            sink.checkpoint(state);
          }
        }
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    return rows;
  }
}
