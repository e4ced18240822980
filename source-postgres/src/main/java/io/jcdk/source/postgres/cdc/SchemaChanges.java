package io.jcdk.source.postgres.cdc;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.protocol.AirbyteRecordMessage.ChangeType;
import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.AirbyteRecordMessage.Reason;
import io.jcdk.source.postgres.PgColumn;
import io.jcdk.source.postgres.PgTypes;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Column;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Compares each table's columns, as pgoutput's Relation messages describe them, with the configured
 * catalog and with the previous shape in this sync, and says what changed.
 *
 * <ul>
 *   <li>Columns dropped, added, renamed or retyped mid-sync: a WARN naming the table and each
 *       change. Rows synced before keep their values: DROP COLUMN, ADD COLUMN with a default and
 *       ALTER COLUMN TYPE change every row without a change per row in the WAL.
 *   <li>A configured field no column provides (dropped, renamed): a WARN, and every record of that
 *       shape lists it in {@code meta.changes} (NULLED, SOURCE_RETRIEVAL_ERROR).
 *   <li>A column whose values no longer fit the configured schema (a DROP and ADD with another
 *       type, ALTER COLUMN TYPE): a config error to refresh the schema. Unless the table's current
 *       column fits it: then the catalog was refreshed already and these are older changes, which
 *       leave the field out and say so ({@code NULLED}, {@code SOURCE_SERIALIZATION_ERROR}).
 * </ul>
 *
 * <p>One instance per sync: each WARN is given once per table and shape.
 */
final class SchemaChanges {

  private static final Logger LOG = Logger.getLogger(SchemaChanges.class.getName());
  private static final String CURRENT_TYPE = "SELECT atttypid, atttypmod FROM pg_catalog.pg_attribute"
      + " WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped";

  private final Connection connection;
  private final Set<String> told = new HashSet<>();

  /** {@code connection}: a plain connection, for the current type of a column. */
  SchemaChanges(Connection connection) {
    this.connection = connection;
  }

  /**
   * How the columns of {@code relation} fit the configured schema of {@code table}: {@code error}
   * is the config error for a column whose type fits neither it nor the table's current column
   * (null when there is none); {@code omitted} the columns whose values are of an older type than
   * the configured schema, which the catalog already has (older changes, read after a refresh).
   */
  record Fit(Set<Integer> omitted, ConnectorException error) {}

  Fit fit(Relation relation, CapturedTable table, PgTypes types) throws SQLException {
    Set<Integer> omitted = new HashSet<>();
    for (int i = 0; i < relation.columns().size(); i++) {
      Column c = relation.columns().get(i);
      PgColumn column = new PgColumn(c.name(), types.byOid(c.typeOid()), c.typeModifier(), true);
      if (!table.selects(c.name()) || table.fits(column)) {
        continue;
      }
      PgColumn current = currentColumn(table, c.name(), types);
      if (current == null || !table.fits(current)) {
        return new Fit(Set.of(), ConnectorException.config("Column \"" + c.name() + "\" of table "
            + table.descriptor() + " is now " + column.type().name() + " (JSON schema " + column.jsonSchema()
            + "), which does not fit the configured schema " + table.configured().get(CdcFields.fieldName(c.name()))
            + ": refresh the source schema, and reset the stream so that the rows synced before get the new type."));
      }
      omitted.add(i);
      if (tell(table, "old type of " + c.name())) {
        LOG.warning("Changes of table " + table.descriptor() + " from before column \"" + c.name() + "\" became "
            + current.type().name() + " still hold it as " + column.type().name() + ", which the configured"
            + " schema no longer has: those records leave it out and list it in meta.changes (NULLED).");
      }
    }
    return new Fit(omitted, null);
  }

  /**
   * The binding of {@code relation} to {@code table}, leaving out the columns {@code fit} omits;
   * {@code previous} is the table's binding before it in this sync (null for the first) and
   * {@code at} the commit LSN of the transaction it came in.
   */
  RelationBinding bind(Relation relation, CapturedTable table, RelationBinding previous, Lsn at, PgTypes types,
      Fit fit) {
    if (previous != null) {
      describeChanges(table, previous.relation(), relation, at, types);
    }
    List<String> missing = table.missingFields(relation.columns().stream().map(Column::name).toList());
    if (!missing.isEmpty() && tell(table, "missing " + missing)) {
      LOG.warning("Table " + table.descriptor() + " has no column for the configured field(s) " + missing
          + " (dropped or renamed): records from commit " + at + " on leave them out and list them in meta.changes"
          + " (NULLED). Rows synced before keep their values. To stop this, refresh the source schema.");
    }
    return RelationBinding.of(relation, table, types, fit.omitted(), changes(missing, Reason.SOURCE_RETRIEVAL_ERROR));
  }

  /**
   * Checks a table about to be snapshotted: a column that does not fit the catalog is a config
   * error; returns the record meta listing the configured fields it lacks (null when none).
   */
  static Meta checkSnapshot(CapturedTable table) {
    for (PgColumn c : table.columns()) {
      if (!table.fits(c)) {
        throw ConnectorException.config("Column \"" + c.name() + "\" of table " + table.descriptor() + " is "
            + c.type().name() + " (JSON schema " + c.jsonSchema() + "), which does not fit the configured schema "
            + table.configured().get(c.field()) + ": refresh the source schema.");
      }
    }
    List<String> missing = table.missingFields(table.table().columns().stream().map(PgColumn::name).toList());
    if (missing.isEmpty()) {
      return null;
    }
    LOG.warning("Table " + table.descriptor() + " has no column for the configured field(s) " + missing
        + " (dropped or renamed): its snapshot records leave them out and list them in meta.changes (NULLED)."
        + " Refresh the source schema.");
    return new Meta(changes(missing, Reason.SOURCE_RETRIEVAL_ERROR), null);
  }

  private void describeChanges(CapturedTable table, Relation before, Relation after, Lsn at, PgTypes types) {
    Map<String, Column> old = new HashMap<>();
    before.columns().forEach(c -> old.put(c.name(), c));
    List<String> added = new ArrayList<>();
    List<String> retyped = new ArrayList<>();
    for (Column c : after.columns()) {
      Column was = old.remove(c.name());
      if (was == null) {
        added.add(c.name());
      } else if (was.typeOid() != c.typeOid() || was.typeModifier() != c.typeModifier()) {
        String from = types.byOid(was.typeOid()).name();
        String to = types.byOid(c.typeOid()).name();
        retyped.add(c.name() + (from.equals(to) ? " (" + to + ", new modifier)" : " (" + from + " to " + to + ")"));
      }
    }
    List<String> dropped = before.columns().stream().map(Column::name).filter(old::containsKey).toList();
    if (added.isEmpty() && dropped.isEmpty() && retyped.isEmpty()) {
      return;
    }
    StringBuilder what = new StringBuilder();
    append(what, "dropped: ", dropped);
    append(what, "added: ", added);
    append(what, "retyped: ", retyped);
    LOG.warning("Columns of table " + table.descriptor() + " changed at commit " + at + " (" + what + "; a rename"
        + " shows as dropped and added). Rows synced before keep their values for these columns: DROP COLUMN,"
        + " ADD COLUMN with a default and ALTER COLUMN TYPE change every row without a change per row in the"
        + " WAL; reset the stream to bring them in line" + (table.configured() == null ? "."
        : ", and refresh the source schema so the catalog has the columns as they are now."));
  }

  private static void append(StringBuilder b, String label, List<String> names) {
    if (!names.isEmpty()) {
      b.append(b.length() == 0 ? "" : "; ").append(label).append(String.join(", ", names));
    }
  }

  /** True the first time {@code what} is told of {@code table} in this sync. */
  private boolean tell(CapturedTable table, String what) {
    return told.add(table.descriptor() + "\u0000" + what);
  }

  private PgColumn currentColumn(CapturedTable table, String name, PgTypes types) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(CURRENT_TYPE)) {
      s.setLong(1, table.table().oid());
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new PgColumn(name, types.byOid((int) rs.getLong(1)), rs.getInt(2), true) : null;
      }
    }
  }

  private static List<Change> changes(List<String> fields, Reason reason) {
    return fields.stream().map(f -> Change.of(f, ChangeType.NULLED, reason)).toList();
  }
}
