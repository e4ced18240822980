package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.source.postgres.PgType;
import io.jcdk.source.postgres.PgTypes;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Column;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import java.util.List;
import java.util.Set;

/**
 * A pgoutput Relation matched to the stream it feeds: for each column in the order the tuples send
 * them, its JSON field name (null when the catalog did not select it), its type, and whether it is
 * part of the replica identity. A new Relation message (columns added, dropped or retyped) replaces
 * the binding, so the next tuple is read with the new shape.
 */
final class RelationBinding {

  private final CapturedTable table;
  private final Relation relation;
  private final SerializableString[] names;
  private final PgType[] types;
  private final boolean[] key;
  private final Set<Integer> omitted;
  private final List<Change> missing;

  private RelationBinding(CapturedTable table, Relation relation, SerializableString[] names, PgType[] types,
      boolean[] key, Set<Integer> omitted, List<Change> missing) {
    this.table = table;
    this.relation = relation;
    this.names = names;
    this.types = types;
    this.key = key;
    this.omitted = Set.copyOf(omitted);
    this.missing = List.copyOf(missing);
  }

  /**
   * {@code omitted}: the columns whose values the record leaves out (of a type the configured
   * schema no longer has); {@code missing}: what every row record of this shape lacks.
   */
  static RelationBinding of(Relation relation, CapturedTable table, PgTypes types, Set<Integer> omitted,
      List<Change> missing) {
    List<Column> columns = relation.columns();
    SerializableString[] names = new SerializableString[columns.size()];
    PgType[] pgTypes = new PgType[columns.size()];
    boolean[] key = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (table.selects(c.name())) {
        names[i] = new SerializedString(CdcFields.fieldName(c.name()));
      }
      pgTypes[i] = types.byOid(c.typeOid());
      key[i] = c.key();
    }
    return new RelationBinding(table, relation, names, pgTypes, key, omitted, missing);
  }

  CapturedTable table() {
    return table;
  }

  Relation relation() {
    return relation;
  }

  int size() {
    return names.length;
  }

  /** The field name of column {@code i}, or null when the stream does not select it. */
  SerializableString name(int i) {
    return names[i];
  }

  PgType type(int i) {
    return types[i];
  }

  boolean isKey(int i) {
    return key[i];
  }

  /** True when records leave column {@code i} out: its values do not fit the configured schema. */
  boolean omitted(int i) {
    return omitted.contains(i);
  }

  /** The configured fields no column of this shape provides, as {@code meta.changes}. */
  List<Change> missing() {
    return missing;
  }

  String columnName(int i) {
    return relation.columns().get(i).name();
  }

  /** REPLICA IDENTITY FULL: updates and deletes carry the whole old row. */
  boolean hasFullIdentity() {
    return relation.replicaIdentity() == 'f';
  }
}
