package io.jcdk.source.postgres;

import java.util.List;

/**
 * Quoting of SQL identifiers. Every table and column name that reaches SQL goes through {@link
 * #quote}: names with spaces, quotes, upper case or any Unicode are taken exactly as the catalog
 * spells them, and no name can change the statement.
 */
public final class PgIdentifier {

  private PgIdentifier() {}

  /** {@code "name"}, with embedded double quotes doubled. */
  public static String quote(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain NUL: " + name.replace('\0', '?'));
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code "a", "b"}: a column list. */
  public static String quoteAll(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (String n : names) {
      s.append(s.length() == 0 ? "" : ", ").append(quote(n));
    }
    return s.toString();
  }

  /** {@code "schema"."table"}. */
  public static String qualified(String schema, String table) {
    return quote(schema) + '.' + quote(table);
  }

  /**
   * A string literal for statements that take no parameters (COPY): the escape-string form
   * {@code E'it''s \\ here'}, which means the same whatever {@code standard_conforming_strings} is.
   */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a literal cannot contain NUL");
    }
    return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
