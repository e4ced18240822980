package io.jcdk.source.postgres.cdc;

import io.jcdk.source.postgres.cdc.PgOutputMessage.Begin;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Column;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Commit;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Delete;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Insert;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Message;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Origin;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Truncate;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Type;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Update;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the messages of the {@code pgoutput} plugin, protocol version 1 (PostgreSQL 10 and later;
 * "Logical Replication Message Formats" in the PostgreSQL protocol documentation).
 *
 * <p>Notation in the comments: {@code Int8/16/32/64} are big-endian integers, {@code String} is
 * UTF-8 ending with a zero byte, {@code LSN} an Int64 WAL position, {@code Time} an Int64 count of
 * microseconds since 2000-01-01 UTC. Lengths and offsets are read first and the text decoded last,
 * from the message's own array, so a row is never copied on its way to JSON.
 *
 * <p>Version 2 adds streaming of in-progress transactions; the reader does not ask for it because
 * then the client must buffer transactions that may still abort, while with version 1 the server
 * spills large transactions to disk and sends each one whole at its commit.
 */
public final class PgOutputDecoder {

  /** 2000-01-01T00:00:00Z in microseconds since the Unix epoch. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  /** Decodes one message; the buffer must be backed by an array (pgjdbc's are). */
  public PgOutputMessage decode(ByteBuffer buffer) {
    if (!buffer.hasArray()) {
      throw new IllegalArgumentException("pgoutput messages are decoded from heap buffers");
    }
    if (!buffer.hasRemaining()) {
      throw new IllegalStateException("empty pgoutput message");
    }
    byte code = buffer.get();
    PgOutputMessageType type = PgOutputMessageType.of(code);
    if (type == null) {
      throw new IllegalStateException("unknown pgoutput message type byte " + code + " ('" + (char) code + "')");
    }
    try {
      return switch (type) {
        case BEGIN -> begin(buffer);
        case COMMIT -> commit(buffer);
        case ORIGIN -> origin(buffer);
        case RELATION -> relation(buffer);
        case TYPE -> type(buffer);
        case INSERT -> insert(buffer);
        case UPDATE -> update(buffer);
        case DELETE -> delete(buffer);
        case TRUNCATE -> truncate(buffer);
        case MESSAGE -> message(buffer);
        default -> throw new IllegalStateException("pgoutput sent " + type + " ('" + type.code()
            + "'), which belongs to a protocol option this reader never requests (streaming or two_phase)");
      };
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("pgoutput " + type + " message ends early (" + buffer.limit() + " bytes)", e);
    }
  }

  // Begin: 'B' | LSN final LSN of the transaction (its commit record) | Time commit time | Int32 xid
  private Begin begin(ByteBuffer b) {
    Lsn finalLsn = Lsn.of(b.getLong());
    Instant commitTime = time(b.getLong());
    return new Begin(finalLsn, commitTime, b.getInt());
  }

  // Commit: 'C' | Int8 flags (0) | LSN commit record | LSN end of the transaction | Time commit time
  private Commit commit(ByteBuffer b) {
    int flags = b.get();
    Lsn commitLsn = Lsn.of(b.getLong());
    Lsn endLsn = Lsn.of(b.getLong());
    return new Commit(flags, commitLsn, endLsn, time(b.getLong()));
  }

  // Origin: 'O' | LSN commit LSN on the origin server | String origin name
  private Origin origin(ByteBuffer b) {
    Lsn lsn = Lsn.of(b.getLong());
    return new Origin(lsn, string(b));
  }

  // Relation: 'R' | Int32 relation oid | String namespace ("" for pg_catalog) | String name
  //   | Int8 replica identity (relreplident) | Int16 column count
  //   | per published column: Int8 flags (1 = part of the key) | String name | Int32 type oid
  //     | Int32 type modifier (atttypmod)
  private Relation relation(ByteBuffer b) {
    int relationId = b.getInt();
    String namespace = string(b);
    String name = string(b);
    char replicaIdentity = (char) b.get();
    int count = Short.toUnsignedInt(b.getShort());
    List<Column> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean key = (b.get() & 1) != 0;
      String column = string(b);
      int typeOid = b.getInt();
      columns.add(new Column(key, column, typeOid, b.getInt()));
    }
    return new Relation(relationId, namespace, name, replicaIdentity, columns);
  }

  // Type: 'Y' | Int32 type oid | String namespace ("" for pg_catalog) | String type name
  private Type type(ByteBuffer b) {
    int oid = b.getInt();
    String namespace = string(b);
    return new Type(oid, namespace, string(b));
  }

  // Insert: 'I' | Int32 relation oid | Byte1 'N' | TupleData new row
  private Insert insert(ByteBuffer b) {
    int relationId = b.getInt();
    expect(b, 'N', "INSERT");
    return new Insert(relationId, tuple(b));
  }

  // Update: 'U' | Int32 relation oid
  //   | optionally: Byte1 'K' | TupleData old key  (the replica identity columns changed)
  //             or Byte1 'O' | TupleData old row  (REPLICA IDENTITY FULL)
  //   | Byte1 'N' | TupleData new row
  private Update update(ByteBuffer b) {
    int relationId = b.getInt();
    byte marker = b.get();
    char oldKind = 0;
    TupleData oldTuple = null;
    if (marker == 'K' || marker == 'O') {
      oldKind = (char) marker;
      oldTuple = tuple(b);
      marker = b.get();
    }
    if (marker != 'N') {
      throw new IllegalStateException("pgoutput UPDATE: expected 'N' before the new row, got '" + (char) marker + "'");
    }
    return new Update(relationId, oldKind, oldTuple, tuple(b));
  }

  // Delete: 'D' | Int32 relation oid | Byte1 'K' (old key) or 'O' (old row) | TupleData
  private Delete delete(ByteBuffer b) {
    int relationId = b.getInt();
    byte marker = b.get();
    if (marker != 'K' && marker != 'O') {
      throw new IllegalStateException("pgoutput DELETE: expected 'K' or 'O', got '" + (char) marker + "'");
    }
    return new Delete(relationId, (char) marker, tuple(b));
  }

  // Truncate: 'T' | Int32 relation count | Int8 options (1 CASCADE, 2 RESTART IDENTITY)
  //   | Int32 relation oid, count times
  private Truncate truncate(ByteBuffer b) {
    int count = b.getInt();
    int options = b.get();
    int[] relationIds = new int[count];
    for (int i = 0; i < count; i++) {
      relationIds[i] = b.getInt();
    }
    return new Truncate(options, relationIds);
  }

  // Message: 'M' | Int8 flags (1 = transactional) | LSN of the message | String prefix
  //   | Int32 content length | Byte[n] content
  private Message message(ByteBuffer b) {
    boolean transactional = (b.get() & 1) != 0;
    Lsn lsn = Lsn.of(b.getLong());
    String prefix = string(b);
    byte[] content = new byte[b.getInt()];
    b.get(content);
    return new Message(transactional, lsn, prefix, content);
  }

  // TupleData: Int16 column count | per column, Byte1 kind:
  //   'n' null | 'u' unchanged TOASTed value (no content) | 't' Int32 length, Byte[n] text
  //   | 'b' Int32 length, Byte[n] binary (protocol 2+ with the binary option)
  private static TupleData tuple(ByteBuffer b) {
    int count = Short.toUnsignedInt(b.getShort());
    byte[] kinds = new byte[count];
    int[] offsets = new int[count];
    int[] lengths = new int[count];
    byte[] array = b.array();
    int base = b.arrayOffset();
    for (int i = 0; i < count; i++) {
      byte kind = b.get();
      kinds[i] = kind;
      switch (kind) {
        case TupleData.NULL, TupleData.UNCHANGED_TOAST -> { }
        case TupleData.TEXT, TupleData.BINARY -> {
          int length = b.getInt();
          if (length < 0 || length > b.remaining()) {
            throw new IllegalStateException("pgoutput tuple: column " + (i + 1) + " claims " + length
                + " bytes, " + b.remaining() + " remain");
          }
          offsets[i] = base + b.position();
          lengths[i] = length;
          b.position(b.position() + length);
        }
        default -> throw new IllegalStateException(
            "pgoutput tuple: unknown kind '" + (char) kind + "' for column " + (i + 1) + " of " + count);
      }
    }
    return new TupleData(array, kinds, offsets, lengths);
  }

  private static void expect(ByteBuffer b, char marker, String message) {
    byte got = b.get();
    if (got != marker) {
      throw new IllegalStateException("pgoutput " + message + ": expected '" + marker + "', got '" + (char) got + "'");
    }
  }

  /** A zero-terminated string: find the end first, then decode the bytes once. */
  private static String string(ByteBuffer b) {
    byte[] array = b.array();
    int start = b.arrayOffset() + b.position();
    int end = start;
    int limit = b.arrayOffset() + b.limit();
    while (end < limit && array[end] != 0) {
      end++;
    }
    if (end == limit) {
      throw new IllegalStateException("pgoutput string without its terminating zero byte");
    }
    b.position(b.position() + end - start + 1);
    return new String(array, start, end - start, StandardCharsets.UTF_8);
  }

  static Instant time(long pgMicros) {
    long micros = pgMicros + PG_EPOCH_MICROS;
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
