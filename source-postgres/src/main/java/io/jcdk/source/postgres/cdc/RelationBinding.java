package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.jcdk.source.postgres.PgType;
import io.jcdk.source.postgres.PgTypes;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Column;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import java.util.List;

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

  private RelationBinding(CapturedTable table, Relation relation, SerializableString[] names, PgType[] types,
      boolean[] key) {
    this.table = table;
    this.relation = relation;
    this.names = names;
    this.types = types;
    this.key = key;
  }

  static RelationBinding of(Relation relation, CapturedTable table, PgTypes types) {
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
    return new RelationBinding(table, relation, names, pgTypes, key);
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

  String columnName(int i) {
    return relation.columns().get(i).name();
  }

  /** REPLICA IDENTITY FULL: updates and deletes carry the whole old row. */
  boolean hasFullIdentity() {
    return relation.replicaIdentity() == 'f';
  }
}
