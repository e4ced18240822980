package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.postgres.PgColumn;
import io.jcdk.source.postgres.PgTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A configured stream that CDC reads: its table, the columns the catalog selected, and the table's
 * primary key, by which an interrupted snapshot resumes (empty: the table's snapshot starts over).
 *
 * <p>The selection is by field name ({@link CdcFields#fieldName}): the properties of the configured
 * JSON schema, or every column when it lists none. A column added while streaming is therefore emitted as soon as its Relation
 * message arrives if the catalog selects all columns (or already names it); a dropped column simply
 * stops appearing.
 */
record CapturedTable(StreamDescriptor descriptor, PgTable table, List<PgColumn> columns, List<String> primaryKey,
    Set<String> selected) {

  CapturedTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    selected = selected == null ? null : Set.copyOf(selected);
  }

  static CapturedTable of(ConfiguredAirbyteStream stream, PgTable table) {
    JsonNode properties = stream.stream().jsonSchema() == null ? null : stream.stream().jsonSchema().get("properties");
    Set<String> selected = null;
    if (properties != null && !properties.isEmpty()) {
      selected = new HashSet<>();
      for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
        selected.add(names.next());
      }
    }
    List<PgColumn> columns = new ArrayList<>();
    for (PgColumn c : table.renaming(CdcFields::fieldName).columns()) {
      if (selected == null || selected.contains(c.field())) {
        columns.add(c);
      }
    }
    if (columns.isEmpty()) {
      throw ConnectorException.config("Stream " + stream.descriptor() + " selects none of the columns of table "
          + table + "; refresh the source schema and select at least one column.");
    }
    // Only the table's own primary key is unique, which resuming after a key needs; a key chosen in
    // the catalog may not be.
    return new CapturedTable(stream.descriptor(), table, columns, table.primaryKey(), selected);
  }

  /** True when the stream emits column {@code column} (a column name, not a field name). */
  boolean selects(String column) {
    return selected == null || selected.contains(CdcFields.fieldName(column));
  }
}
