package io.jcdk.source.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the relations the role can select from the system catalogs: tables, partitioned tables,
 * views, materialized views and foreign tables of the chosen schemas (all schemas but the system
 * ones when none are chosen). Partitions are left out: their rows are read through the parent.
 * Columns the role has no SELECT privilege on are left out; a relation with none is not listed.
 */
public final class PgCatalog {

  private static final String RELATIONS = """
      SELECT c.oid, n.nspname, c.relname, c.relkind
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND NOT c.relispartition
        AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
        AND (cardinality(?::text[]) = 0 OR n.nspname = ANY (?::text[]))
        AND (cardinality(?::text[]) = 0 OR c.relname = ANY (?::text[]))
        AND has_schema_privilege(n.oid, 'USAGE')
        AND has_any_column_privilege(c.oid, 'SELECT')
      ORDER BY n.nspname, c.relname""";

  private static final String COLUMNS = """
      SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, a.attnotnull
      FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
        AND has_column_privilege(a.attrelid, a.attnum, 'SELECT')
      ORDER BY a.attrelid, a.attnum""";

  private static final String PRIMARY_KEYS = """
      SELECT i.indrelid, a.attname
      FROM pg_catalog.pg_index i
      CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND i.indrelid = ANY (?::oid[])
      ORDER BY i.indrelid, k.ord""";

  private final Connection connection;
  private final PgTypes types;

  public PgCatalog(Connection connection, PgTypes types) {
    this.connection = connection;
    this.types = types;
  }

  public PgTypes types() {
    return types;
  }

  /** Every readable relation of {@code schemas} (all non-system schemas when empty). */
  public List<PgTable> tables(List<String> schemas) throws SQLException {
    return tables(schemas, List.of());
  }

  /** The readable relation {@code schema.name}, if there is one. */
  public Optional<PgTable> table(String schema, String name) throws SQLException {
    return tables(List.of(schema), List.of(name)).stream()
        .filter(t -> t.schema().equals(schema) && t.name().equals(name))
        .findFirst();
  }

  private List<PgTable> tables(List<String> schemas, List<String> names) throws SQLException {
    record Relation(long oid, String schema, String name, PgTable.Kind kind) {}
    List<Relation> relations = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(RELATIONS)) {
      Array schemaArray = connection.createArrayOf("text", schemas.toArray());
      Array nameArray = connection.createArrayOf("text", names.toArray());
      s.setArray(1, schemaArray);
      s.setArray(2, schemaArray);
      s.setArray(3, nameArray);
      s.setArray(4, nameArray);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          relations.add(new Relation(rs.getLong(1), rs.getString(2), rs.getString(3),
              PgTable.Kind.of(rs.getString(4).charAt(0))));
        }
      }
    }
    if (relations.isEmpty()) {
      return List.of();
    }
    Long[] oids = relations.stream().map(Relation::oid).toArray(Long[]::new);
    Map<Long, List<PgColumn>> columns = new LinkedHashMap<>();
    try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
      s.setArray(1, connection.createArrayOf("int8", oids));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PgColumn(
              rs.getString(2), types.byOid((int) rs.getLong(3)), rs.getInt(4), !rs.getBoolean(5)));
        }
      }
    }
    Map<Long, List<String>> keys = new LinkedHashMap<>();
    try (PreparedStatement s = connection.prepareStatement(PRIMARY_KEYS)) {
      s.setArray(1, connection.createArrayOf("int8", oids));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    List<PgTable> tables = new ArrayList<>(relations.size());
    for (Relation r : relations) {
      List<PgColumn> cols = columns.getOrDefault(r.oid, List.of());
      List<String> key = keys.getOrDefault(r.oid, List.of());
      // A key the role cannot fully read is no key to deduplicate by.
      boolean keyReadable = key.stream().allMatch(k -> cols.stream().anyMatch(c -> c.name().equals(k)));
      tables.add(new PgTable(r.oid, r.schema, r.name, r.kind, cols, keyReadable ? key : List.of()));
    }
    return tables;
  }
}
