package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import io.jcdk.source.postgres.PgType.Kind;
import java.util.Objects;

/**
 * A column of a table or view: its name (exactly as in the database), its type, the type modifier
 * ({@code atttypmod}, -1 for none), whether it may be null, and the name of its field in records
 * and schemas: the column's name, unless a reader renames it ({@link PgTable#renaming}).
 */
public record PgColumn(String name, PgType type, int typmod, boolean nullable, String field) {

  public PgColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
  }

  /** A column whose field has the column's name. */
  public PgColumn(String name, PgType type, int typmod, boolean nullable) {
    this(name, type, typmod, nullable, name);
  }

  public PgColumn withField(String fieldName) {
    return new PgColumn(name, type, typmod, nullable, fieldName);
  }

  /**
   * The JSON schema of the column's values, per the mapping in {@code docs/source-postgres.md}.
   * Nullable columns accept {@code null} too.
   */
  public ObjectNode jsonSchema() {
    ObjectNode schema = schemaOf(type, typmod);
    if (nullable) {
      ArrayNode types = Json.mapper().createArrayNode().add("null");
      types.add(schema.get("type"));
      schema.set("type", types);
    }
    return schema;
  }

  static ObjectNode schemaOf(PgType type, int typmod) {
    ObjectNode s = Json.object();
    switch (type.kind()) {
      case BOOLEAN -> s.put("type", "boolean");
      case INTEGER -> s.put("type", "integer");
      case NUMERIC -> s.put("type", numericScale(typmod) <= 0 ? "integer" : "number");
      case FLOAT, MONEY -> s.put("type", "number");
      case STRING, JSON, INTERVAL -> s.put("type", "string");
      case BYTEA -> s.put("type", "string").put("contentEncoding", "base64");
      case DATE -> s.put("type", "string").put("format", "date");
      case TIME -> s.put("type", "string").put("format", "time").put("airbyte_type", "time_without_timezone");
      case TIMETZ -> s.put("type", "string").put("format", "time").put("airbyte_type", "time_with_timezone");
      case TIMESTAMP -> s.put("type", "string").put("format", "date-time")
          .put("airbyte_type", "timestamp_without_timezone");
      case TIMESTAMPTZ -> s.put("type", "string").put("format", "date-time")
          .put("airbyte_type", "timestamp_with_timezone");
      case ARRAY -> {
        s.put("type", "array");
        ObjectNode items = schemaOf(type.element(), -1);
        items.set("type", Json.mapper().createArrayNode().add("null").add(items.get("type")));
        s.set("items", items);
      }
    }
    return s;
  }

  /**
   * The scale of a {@code numeric(p,s)} typmod; 1 (a fraction) when unconstrained. Since
   * PostgreSQL 15 the scale may be negative: it sits in the low 11 bits, signed.
   */
  static int numericScale(int typmod) {
    if (typmod < 4) {
      return 1;
    }
    int bits = (typmod - 4) & 0x7ff;
    return (bits ^ 1024) - 1024;
  }
}
