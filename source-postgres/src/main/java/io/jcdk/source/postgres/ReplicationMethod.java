package io.jcdk.source.postgres;

/**
 * How incremental streams find changes: the {@code replication_method.method} of the config.
 * {@code Standard} and {@code Xmin} are read per stream by this package; {@link CdcConfig} by the
 * {@code cdc} package.
 */
public sealed interface ReplicationMethod permits ReplicationMethod.Standard, ReplicationMethod.Xmin, CdcConfig {

  /** {@code "Standard"}: a cursor column chosen per stream. */
  record Standard() implements ReplicationMethod {}

  /** {@code "Xmin"}: the row's inserting or updating transaction id. */
  record Xmin() implements ReplicationMethod {}
}
