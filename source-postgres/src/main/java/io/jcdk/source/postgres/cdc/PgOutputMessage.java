package io.jcdk.source.postgres.cdc;

import java.time.Instant;
import java.util.List;

/** One decoded pgoutput message; see {@link PgOutputDecoder} for the wire format of each. */
public sealed interface PgOutputMessage {

  PgOutputMessageType type();

  /** A transaction starts; its changes follow, then its {@link Commit}. */
  record Begin(Lsn finalLsn, Instant commitTime, int xid) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.BEGIN;
    }
  }

  /**
   * A transaction ends. {@code endLsn} is where replication resumes after it: a slot started at
   * {@code endLsn} skips this transaction and sends every later one.
   */
  record Commit(int flags, Lsn commitLsn, Lsn endLsn, Instant commitTime) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.COMMIT;
    }
  }

  /** The transaction came from another node through replication origin {@code name}. */
  record Origin(Lsn originLsn, String name) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.ORIGIN;
    }
  }

  /**
   * A table's shape, sent before the first change to it in a session and again after any change to
   * its columns. {@code replicaIdentity} is {@code relreplident}: 'd' default (primary key), 'n'
   * nothing, 'f' full, 'i' index.
   */
  record Relation(int relationId, String namespace, String name, char replicaIdentity, List<Column> columns)
      implements PgOutputMessage {
    public Relation {
      columns = List.copyOf(columns);
    }

    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.RELATION;
    }
  }

  /** A published column; {@code key} when it is part of the replica identity. */
  record Column(boolean key, String name, int typeOid, int typeModifier) {}

  /** A non-built-in data type (enum, domain, composite, extension type) used by a following Relation. */
  record Type(int typeOid, String namespace, String name) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.TYPE;
    }
  }

  record Insert(int relationId, TupleData newTuple) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.INSERT;
    }
  }

  /**
   * An update. {@code oldTuple} is null unless the replica identity columns changed ({@code oldKind}
   * 'K', only those columns) or the identity is FULL ({@code oldKind} 'O', the whole old row, TOASTed
   * values inlined). In {@code newTuple}, TOASTed values the update did not touch come as
   * {@link TupleData#UNCHANGED_TOAST} without their content.
   */
  record Update(int relationId, char oldKind, TupleData oldTuple, TupleData newTuple) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.UPDATE;
    }
  }

  /** A delete: {@code oldKind} 'K' carries the replica identity columns only, 'O' the whole row. */
  record Delete(int relationId, char oldKind, TupleData oldTuple) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.DELETE;
    }
  }

  /** TRUNCATE of one or more tables; {@code options} bit 1 is CASCADE, bit 2 RESTART IDENTITY. */
  record Truncate(int options, int[] relationIds) implements PgOutputMessage {
    public static final int CASCADE = 1;
    public static final int RESTART_IDENTITY = 2;

    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.TRUNCATE;
    }
  }

  /** A message written with {@code pg_logical_emit_message} (sent only with the messages option). */
  record Message(boolean transactional, Lsn lsn, String prefix, byte[] content) implements PgOutputMessage {
    @Override
    public PgOutputMessageType type() {
      return PgOutputMessageType.MESSAGE;
    }
  }
}
