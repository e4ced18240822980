/**
 * The PostgreSQL source.
 *
 * <p>How the package is laid out:
 *
 * <ul>
 *   <li>Config: {@link io.jcdk.source.postgres.PostgresConfig} parsed from {@code spec.json}, with
 *       {@link io.jcdk.source.postgres.SslConfig}, {@link io.jcdk.source.postgres.TunnelConfig} and
 *       {@link io.jcdk.source.postgres.ReplicationMethod} ({@code Standard}, {@code Xmin}, or
 *       {@link io.jcdk.source.postgres.CdcConfig}).
 *   <li>Connections: {@link io.jcdk.source.postgres.PgDatabase} (SSH tunnel, TLS files, pgjdbc
 *       properties, {@link io.jcdk.source.postgres.PgSessionSettings}).
 *   <li>Catalog: {@link io.jcdk.source.postgres.PgTypes} (pg_type → {@link
 *       io.jcdk.source.postgres.PgType}), {@link io.jcdk.source.postgres.PgCatalog} (relations,
 *       columns, primary keys → {@link io.jcdk.source.postgres.PgTable}).
 *   <li>Values: {@link io.jcdk.source.postgres.PgValueConverter} turns a value's text into JSON;
 *       {@link io.jcdk.source.postgres.PgRecordWriter} builds a record's bytes with it. Every read
 *       path uses them, so a row has the same JSON whichever way it came.
 *   <li>Reads: {@link io.jcdk.source.postgres.TableReader} (full refresh, cursor, xmin) over the row
 *       loop of {@code TableScan}, with positions {@code CtidPosition}, {@code KeyPosition},
 *       {@code CursorPosition}, {@code XminRange}; records go to a {@link
 *       io.jcdk.source.postgres.RecordSink}.
 *   <li>Commands: {@link io.jcdk.source.postgres.PostgresSource} wires check ({@code PostgresCheck},
 *       {@link io.jcdk.source.postgres.CdcPrerequisites}), discover ({@code PostgresDiscover}) and
 *       read; CDC streams go to {@code cdc.CdcReader}. {@link io.jcdk.source.postgres.Main} runs it.
 * </ul>
 *
 * <p>For the {@code cdc} package: values from pgoutput are text, so write them with {@link
 * io.jcdk.source.postgres.PgValueConverter} (byte-slice overload) into a generator from {@link
 * io.jcdk.source.postgres.PgRecordWriter#JSON}, which writes characters outside the BMP as UTF-8
 * exactly as the snapshot and cursor paths do; open replication connections with {@link
 * io.jcdk.source.postgres.PgDatabase#properties()} so they carry the same session settings.
 */
package io.jcdk.source.postgres;
