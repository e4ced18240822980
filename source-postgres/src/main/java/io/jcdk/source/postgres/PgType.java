package io.jcdk.source.postgres;

import java.util.Objects;

/**
 * A PostgreSQL type as {@link PgValueConverter} sees it: which JSON shape its text representation
 * becomes. Domains carry their base type's kind; arrays carry their element type.
 *
 * <p>Get instances from {@link PgTypes} (which reads {@code pg_type}), or build them with {@link
 * #of} / {@link #arrayOf} in tests.
 *
 * @param oid the type's OID ({@code pg_type.oid}); 0 when unknown
 * @param name the type's name as PostgreSQL spells it ({@code int4}, {@code _text}, a domain name)
 * @param kind how the text representation maps to JSON
 * @param element for {@link Kind#ARRAY}, the element type; otherwise null
 * @param delimiter for {@link Kind#ARRAY}, the element separator ({@code pg_type.typdelim} of the
 *     element: {@code ','} for all built-in types but {@code box}, which uses {@code ';'})
 */
public record PgType(int oid, String name, Kind kind, PgType element, char delimiter) {

  /** The JSON shapes; see {@code docs/source-postgres.md} for the table of PostgreSQL types. */
  public enum Kind {
    /** {@code bool}: {@code t}/{@code f} → JSON boolean. */
    BOOLEAN,
    /** {@code int2}, {@code int4}, {@code int8}, {@code oid}, {@code xid}, {@code xid8} → JSON integer. */
    INTEGER,
    /** {@code numeric}: the exact digits as a JSON number; {@code NaN}, {@code ±Infinity} as strings. */
    NUMERIC,
    /** {@code float4}, {@code float8}: a JSON number; {@code NaN}, {@code ±Infinity} as strings. */
    FLOAT,
    /** {@code money}: the amount without currency symbol or grouping, as a JSON number. */
    MONEY,
    /** Everything shown as its text: text types, uuid, enums, network, geometric, bit strings... */
    STRING,
    /** {@code bytea}: base64 of the bytes. */
    BYTEA,
    /** {@code json}, {@code jsonb}: the document as a JSON string (as Airbyte's source does). */
    JSON,
    /** {@code date}: {@code yyyy-mm-dd}. */
    DATE,
    /** {@code time}: {@code hh:mm:ss[.ffffff]}. */
    TIME,
    /** {@code timetz}: {@code hh:mm:ss[.ffffff]±hh:mm}. */
    TIMETZ,
    /** {@code timestamp}: {@code yyyy-mm-ddThh:mm:ss[.ffffff]}. */
    TIMESTAMP,
    /** {@code timestamptz}: normalized to UTC, {@code yyyy-mm-ddThh:mm:ss[.ffffff]Z}. */
    TIMESTAMPTZ,
    /** {@code interval}: an ISO 8601 duration as PostgreSQL's {@code iso_8601} style writes it. */
    INTERVAL,
    /** An array: a JSON array (nested for several dimensions) of the element type's values. */
    ARRAY
  }

  public PgType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.ARRAY) != (element != null)) {
      throw new IllegalArgumentException("an ARRAY type needs an element type, and only an ARRAY: " + name);
    }
  }

  /** A scalar type. */
  public static PgType of(int oid, String name, Kind kind) {
    return new PgType(oid, name, kind, null, ',');
  }

  /** An array of {@code element} separated by {@code delimiter}. */
  public static PgType arrayOf(int oid, String name, PgType element, char delimiter) {
    return new PgType(oid, name, Kind.ARRAY, element, delimiter);
  }

  /** The kind of the innermost element (for an array of arrays of int4: INTEGER). */
  public Kind scalarKind() {
    return element == null ? kind : element.scalarKind();
  }
}
