package io.jcdk.source.postgres;

import io.jcdk.protocol.StreamDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A table, view, materialized view, partitioned or foreign table the role can read, with the
 * columns it may select (in column order) and its primary key.
 *
 * @param oid {@code pg_class.oid}
 * @param kind what it is ({@code pg_class.relkind})
 */
public record PgTable(
    long oid, String schema, String name, Kind kind, List<PgColumn> columns, List<String> primaryKey) {

  /** The relkinds discover reports. */
  public enum Kind {
    TABLE('r'),
    PARTITIONED_TABLE('p'),
    VIEW('v'),
    MATERIALIZED_VIEW('m'),
    FOREIGN_TABLE('f');

    private final char relkind;

    Kind(char relkind) {
      this.relkind = relkind;
    }

    public char relkind() {
      return relkind;
    }

    static Kind of(char relkind) {
      for (Kind k : values()) {
        if (k.relkind == relkind) {
          return k;
        }
      }
      throw new IllegalArgumentException("relkind " + relkind);
    }

    /** Stored in heap pages with ctid and xmin: tables and materialized views. */
    public boolean isHeap() {
      return this == TABLE || this == MATERIALIZED_VIEW;
    }

    /** Has the xmin system column (every relation with storage, partitioned tables through their partitions). */
    public boolean hasXmin() {
      return this == TABLE || this == MATERIALIZED_VIEW || this == PARTITIONED_TABLE;
    }
  }

  public PgTable {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  public StreamDescriptor descriptor() {
    return StreamDescriptor.of(schema, name);
  }

  /** {@code "schema"."name"}, quoted for SQL. */
  public String sqlName() {
    return PgIdentifier.qualified(schema, name);
  }

  /**
   * This table reading only the columns whose fields are named in {@code selected} (a configured
   * stream's JSON schema properties), in table order; all columns when {@code selected} is empty.
   * The primary key is kept only if every key column is selected.
   */
  public PgTable selecting(Set<String> selected) {
    if (selected.isEmpty()) {
      return this;
    }
    List<PgColumn> kept = columns.stream().filter(c -> selected.contains(c.field())).toList();
    List<String> key = selected.containsAll(primaryKeyFields()) ? primaryKey : List.of();
    return new PgTable(oid, schema, name, kind, kept, key);
  }

  /** This table with each column's field named {@code fieldName.apply(column name)}. */
  public PgTable renaming(UnaryOperator<String> fieldName) {
    List<PgColumn> renamed = columns.stream().map(c -> c.withField(fieldName.apply(c.name()))).toList();
    return new PgTable(oid, schema, name, kind, renamed, primaryKey);
  }

  /** The fields of the primary key's columns, as records name them. */
  public List<String> primaryKeyFields() {
    return primaryKey.stream().map(k -> column(k).map(PgColumn::field).orElse(k)).toList();
  }

  public Optional<PgColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** {@code "a", "b", ...}: the select list of every column, quoted. */
  public String selectList() {
    StringBuilder s = new StringBuilder();
    for (PgColumn c : columns) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(PgIdentifier.quote(c.name()));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
