package io.jcdk.source.postgres;

import io.jcdk.source.postgres.PgType.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The types of one database, read from {@code pg_type}, resolved to {@link PgType}s: built-in
 * types by name, domains to their base type, arrays to their element type, enums and everything
 * else to {@link Kind#STRING}.
 *
 * <p>Load once per connection ({@link #load}); a type created later (CDC sees a relation with a
 * new OID) needs a fresh load. {@link #byOid} never fails: an unknown OID is a STRING.
 */
public final class PgTypes {

  private static final Map<String, Kind> BUILT_IN = Map.ofEntries(
      Map.entry("bool", Kind.BOOLEAN),
      Map.entry("int2", Kind.INTEGER),
      Map.entry("int4", Kind.INTEGER),
      Map.entry("int8", Kind.INTEGER),
      Map.entry("oid", Kind.INTEGER),
      Map.entry("xid", Kind.INTEGER),
      Map.entry("xid8", Kind.INTEGER),
      Map.entry("numeric", Kind.NUMERIC),
      Map.entry("float4", Kind.FLOAT),
      Map.entry("float8", Kind.FLOAT),
      Map.entry("money", Kind.MONEY),
      Map.entry("bytea", Kind.BYTEA),
      Map.entry("json", Kind.JSON),
      Map.entry("jsonb", Kind.JSON),
      Map.entry("date", Kind.DATE),
      Map.entry("time", Kind.TIME),
      Map.entry("timetz", Kind.TIMETZ),
      Map.entry("timestamp", Kind.TIMESTAMP),
      Map.entry("timestamptz", Kind.TIMESTAMPTZ),
      Map.entry("interval", Kind.INTERVAL));

  private record Row(int oid, String schema, String name, char type, char category, int element,
      int baseType, char delimiter) {}

  private final Map<Integer, Row> rows;
  private final Map<Integer, PgType> resolved = new HashMap<>();

  private PgTypes(Map<Integer, Row> rows) {
    this.rows = rows;
  }

  /** Reads every type of the connection's database (a few hundred rows plus two per table). */
  public static PgTypes load(Connection connection) throws SQLException {
    String sql = "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
        + " t.typbasetype, t.typdelim FROM pg_catalog.pg_type t"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace";
    Map<Integer, Row> rows = new HashMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Row row = new Row((int) rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
            rs.getString(5).charAt(0), (int) rs.getLong(6), (int) rs.getLong(7), rs.getString(8).charAt(0));
        rows.put(row.oid, row);
      }
    }
    return new PgTypes(rows);
  }

  /** The type with this OID; STRING named {@code unknown} when the database did not list it. */
  public synchronized PgType byOid(int oid) {
    PgType type = resolved.get(oid);
    if (type == null) {
      type = resolve(oid, 0);
      resolved.put(oid, type);
    }
    return type;
  }

  /** True when {@link #load} saw this OID. */
  public boolean contains(int oid) {
    return rows.containsKey(oid);
  }

  private PgType resolve(int oid, int depth) {
    Row row = rows.get(oid);
    if (row == null || depth > 10) {
      return PgType.of(oid, "unknown", Kind.STRING);
    }
    if (row.type == 'd') {
      PgType base = resolve(row.baseType, depth + 1);
      return new PgType(oid, row.name, base.kind(), base.element(), base.delimiter());
    }
    // int2vector and oidvector are arrays whose text is space-separated, not an array literal.
    if (row.category == 'A' && row.element != 0 && !row.name.endsWith("vector")) {
      PgType element = resolve(row.element, depth + 1);
      Row elementRow = rows.get(row.element);
      char delimiter = elementRow == null ? ',' : elementRow.delimiter;
      if (element.kind() == Kind.ARRAY) {
        // A domain over an array, used as an element: PostgreSQL prints it as a nested literal.
        return PgType.arrayOf(oid, row.name, element.element(), delimiter);
      }
      return PgType.arrayOf(oid, row.name, element, delimiter);
    }
    Kind kind = row.schema.equals("pg_catalog") ? BUILT_IN.getOrDefault(row.name, Kind.STRING) : Kind.STRING;
    return PgType.of(oid, row.name, kind);
  }
}
