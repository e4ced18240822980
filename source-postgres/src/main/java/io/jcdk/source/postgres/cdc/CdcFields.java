package io.jcdk.source.postgres.cdc;

/**
 * The fields CDC adds to every record, and how a user's column is named beside them.
 *
 * <p>The prefix {@code _ab_cdc_} belongs to the connector. Under CDC a column whose name is one or
 * more underscores followed by {@code ab_cdc_} is emitted with one more leading underscore:
 * {@code _ab_cdc_deleted_at} becomes {@code __ab_cdc_deleted_at}, {@code __ab_cdc_x} becomes
 * {@code ___ab_cdc_x}. No other name changes, so no two columns, and no column and a CDC field,
 * share a field: a record never holds a key twice, and a user's {@code _ab_cdc_deleted_at} is
 * never taken for a delete.
 */
public final class CdcFields {

  /** The change's LSN (snapshot rows: the slot's restart_lsn). */
  public static final String LSN = "_ab_cdc_lsn";
  /** The commit time of the change (snapshot rows: the snapshot's start). */
  public static final String UPDATED_AT = "_ab_cdc_updated_at";
  /** The commit time of a delete; null for every other record. */
  public static final String DELETED_AT = "_ab_cdc_deleted_at";

  private CdcFields() {}

  /** The field of column {@code column} in CDC records and schemas. */
  public static String fieldName(String column) {
    int underscores = 0;
    while (underscores < column.length() && column.charAt(underscores) == '_') {
      underscores++;
    }
    return underscores > 0 && column.startsWith("ab_cdc_", underscores) ? "_" + column : column;
  }
}
