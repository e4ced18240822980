package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.postgres.PgColumn;
import io.jcdk.source.postgres.PgTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configured stream that CDC reads: its table (as the catalog had it when the sync started), the
 * columns the catalog selected, the table's primary key, by which an interrupted snapshot resumes
 * (empty: the table's snapshot starts over), and the configured JSON schema of each selected field.
 *
 * <p>The selection is by field name ({@link CdcFields#fieldName}): the properties of the configured
 * JSON schema, or every column when it lists none. A column added while streaming is therefore
 * emitted as soon as its Relation message arrives if the catalog selects all columns (or already
 * names it); a column the catalog names but the table no longer has is reported by {@link
 * SchemaChanges}.
 *
 * @param configured field name to its configured JSON schema; null when the catalog selects all
 */
record CapturedTable(StreamDescriptor descriptor, PgTable table, List<PgColumn> columns, List<String> primaryKey,
    Map<String, JsonNode> configured) {

  private static final Set<String> CDC_FIELDS = Set.of(CdcFields.LSN, CdcFields.UPDATED_AT, CdcFields.DELETED_AT);

  CapturedTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    configured = configured == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(configured));
  }

  static CapturedTable of(ConfiguredAirbyteStream stream, PgTable table) {
    JsonNode properties = stream.stream().jsonSchema() == null ? null : stream.stream().jsonSchema().get("properties");
    Map<String, JsonNode> configured = null;
    if (properties != null && !properties.isEmpty()) {
      configured = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        configured.put(field.getKey(), field.getValue());
      }
    }
    List<PgColumn> columns = new ArrayList<>();
    for (PgColumn c : table.renaming(CdcFields::fieldName).columns()) {
      if (configured == null || configured.containsKey(c.field())) {
        columns.add(c);
      }
    }
    if (columns.isEmpty()) {
      throw ConnectorException.config("Stream " + stream.descriptor() + " selects none of the columns of table "
          + table + "; refresh the source schema and select at least one column.");
    }
    // Only the table's own primary key is unique, which resuming after a key needs; a key chosen in
    // the catalog may not be.
    return new CapturedTable(stream.descriptor(), table, columns, table.primaryKey(), configured);
  }

  /** True when the stream emits column {@code column} (a column name, not a field name). */
  boolean selects(String column) {
    return configured == null || configured.containsKey(CdcFields.fieldName(column));
  }

  /**
   * The configured fields (CDC's own aside) that none of {@code columnNames} provides: columns
   * dropped or renamed since the catalog was configured.
   */
  List<String> missingFields(Collection<String> columnNames) {
    if (configured == null) {
      return List.of();
    }
    Set<String> present = new HashSet<>();
    columnNames.forEach(c -> present.add(CdcFields.fieldName(c)));
    return configured.keySet().stream().filter(f -> !CDC_FIELDS.contains(f) && !present.contains(f)).toList();
  }

  /** True when the values of {@code column} (by its JSON schema) fit the configured schema of its field. */
  boolean fits(PgColumn column) {
    JsonNode expected = configured == null ? null : configured.get(CdcFields.fieldName(column.name()));
    return fits(expected, column.jsonSchema());
  }

  /**
   * Whether values of schema {@code actual} are values of {@code expected}: the same JSON types
   * (null aside; an integer is a number), and the same {@code format}, {@code airbyte_type},
   * {@code contentEncoding} and array items where {@code expected} says. A schema without a type
   * accepts anything.
   */
  static boolean fits(JsonNode expected, JsonNode actual) {
    if (expected == null || !expected.has("type")) {
      return true;
    }
    Set<String> want = types(expected);
    Set<String> have = types(actual);
    if (want.contains("number") && have.remove("integer")) {
      have.add("number");
    }
    if (!want.equals(have)) {
      return false;
    }
    for (String keyword : List.of("format", "airbyte_type", "contentEncoding")) {
      if (expected.has(keyword) && !expected.get(keyword).equals(actual.get(keyword))) {
        return false;
      }
    }
    return !want.contains("array") || fits(expected.get("items"), actual.get("items"));
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new HashSet<>();
    JsonNode type = schema == null ? null : schema.get("type");
    if (type != null && type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (type != null) {
      types.add(type.asText());
    }
    types.remove("null");
    return types;
  }
}
