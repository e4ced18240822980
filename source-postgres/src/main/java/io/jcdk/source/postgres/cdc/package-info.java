/**
 * Change data capture for source-postgres: our own pgoutput decoder over pgjdbc's replication
 * stream, an initial snapshot consistent with the slot, and a GLOBAL state holding the LSN.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link io.jcdk.source.postgres.cdc.CdcReader}: one sync, the entry point the source calls.
 *   <li>{@link io.jcdk.source.postgres.cdc.PgOutputDecoder}: the wire format, one method per message
 *       ({@link io.jcdk.source.postgres.cdc.PgOutputMessageType}); rows stay slices of the message
 *       ({@link io.jcdk.source.postgres.cdc.TupleData}) until written as JSON.
 *   <li>{@link io.jcdk.source.postgres.cdc.InitialSnapshot} and
 *       {@link io.jcdk.source.postgres.cdc.SnapshotFilter}: the first read of each table and which
 *       transactions it already holds.
 *   <li>{@link io.jcdk.source.postgres.cdc.ChangeStream}: the streaming loop, positions, end of sync.
 *   <li>{@link io.jcdk.source.postgres.cdc.CdcRecordWriter}: records, through the same
 *       {@code PgValueConverter} as every other read path, so a row has the same JSON from the
 *       snapshot and from the WAL.
 * </ul>
 *
 * <h2>Snapshot consistent with the slot</h2>
 *
 * The slot is created by the user, so it cannot export a snapshot. Instead the sync fixes the stream
 * position first (the slot's {@code confirmed_flush_lsn}; nothing else may consume the slot), then
 * reads every new table in one REPEATABLE READ transaction and records that transaction's snapshot
 * ({@code txid_current_snapshot()}) and the WAL insert position. Streaming from the fixed position
 * re-sends the transactions that committed between it and the snapshot; a transaction whose xid the
 * snapshot saw is skipped for that table, every other one is applied. So no change is lost and none
 * is applied twice. An interrupted snapshot resumes after the last primary key it emitted, keeping
 * the first snapshot's filter (changes between the two snapshots may then be applied again to rows
 * of the second part, in commit order, ending in the right state); a table without a primary key is
 * read again from the start.
 *
 * <h2>Records</h2>
 *
 * Every record has {@code _ab_cdc_lsn} (the change's LSN; snapshot rows carry the slot's
 * {@code restart_lsn}, at or before any change applied later), {@code _ab_cdc_updated_at} (the
 * commit time; the snapshot's start on the server's clock for snapshot rows; both in microseconds,
 * as the server keeps them) and {@code _ab_cdc_deleted_at} (the commit
 * time for deletes, else null). A delete carries the replica identity columns (the whole old row
 * under REPLICA IDENTITY FULL). An update that changes the primary key first emits a delete of the
 * old key. TRUNCATE is logged as a warning naming the table: it deletes no row one by one, so the
 * stream has to be refreshed to drop the rows in the destination. Changes of partitions arrive as
 * changes of their partitioned table.
 *
 * <h2>TOAST</h2>
 *
 * An UPDATE that leaves a large (TOASTed, stored out of line) value unchanged does not write it to
 * the WAL; pgoutput marks it as unchanged without content. With REPLICA IDENTITY FULL the old row in
 * the same message holds the value and the record gets it from there. Otherwise {@link
 * io.jcdk.source.postgres.cdc.UnchangedToast} reads it back from the table by the row's replica
 * identity, a batch of rows per query, and holds the records after it until then so that records
 * keep their order. The value read may be newer than the change; the later change is in the WAL too
 * and is emitted after it, so the last record of each row is the row as the database holds it. A
 * row gone by then (deleted, or its key changed) gets the field left out and listed in {@code
 * meta.changes} ({@code NULLED}, {@code SOURCE_RETRIEVAL_ERROR}), and its delete follows.
 *
 * <h2>Columns</h2>
 *
 * A new Relation message (sent after columns are added, dropped or retyped) replaces the table's
 * column binding mid-stream; {@link io.jcdk.source.postgres.cdc.SchemaChanges} warns about what
 * changed, lists configured fields without a column in {@code meta.changes}, and fails with a config
 * error when a column's type no longer fits the configured schema. A record holds the columns the
 * configured catalog selects, by field name ({@link io.jcdk.source.postgres.cdc.CdcFields}), or all
 * columns when it lists none. Generated columns are not sent by pgoutput (before PostgreSQL 18) and
 * so are missing from streamed records.
 *
 * <h2>State and the slot</h2>
 *
 * <pre>{@code
 * shared_state:  {"lsn": "0/1A2B3C8"}
 * stream_states: {"phase": "snapshot" | "streaming", "snapshot": {...filter...}, "resume_after": [...]}
 * }</pre>
 *
 * A checkpoint's LSN is always between transactions, so a resumed sync neither loses nor repeats a
 * transaction. The slot is advanced only with {@code setFlushedLSN} (pgjdbc's automatic flush is
 * off): with "After loading Data in the destination" to the LSN of the state the sync starts from,
 * with "While reading Data" to each checkpoint as it is emitted. A saved LSN older than the slot's
 * {@code confirmed_flush_lsn} means lost changes: a config error, or a new snapshot of every table
 * with "Re-sync data".
 *
 * <h2>End of a sync</h2>
 *
 * The sync first flushes the WAL (a tiny transaction with {@code synchronous_commit = local}) and
 * notes the flush position; it ends once no transaction is open and the server reports having read
 * the WAL that far, or when the server stalls: {@code initial_waiting_seconds} without a change, a
 * new position or a busy walsender ({@link io.jcdk.source.postgres.cdc.SyncProgress}).
 * {@code heartbeat_action_query} runs every 10 seconds while streaming.
 */
package io.jcdk.source.postgres.cdc;
