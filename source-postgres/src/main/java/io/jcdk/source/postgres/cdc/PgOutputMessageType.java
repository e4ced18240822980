package io.jcdk.source.postgres.cdc;

/**
 * The first byte of every pgoutput message. The decoder handles the protocol-version-1 messages; the
 * others belong to streaming of in-progress transactions (protocol 2) and two-phase commit (protocol
 * 3), which the reader never asks for, so receiving one is a protocol error.
 */
public enum PgOutputMessageType {
  BEGIN('B'),
  COMMIT('C'),
  ORIGIN('O'),
  RELATION('R'),
  TYPE('Y'),
  INSERT('I'),
  UPDATE('U'),
  DELETE('D'),
  TRUNCATE('T'),
  MESSAGE('M'),
  STREAM_START('S'),
  STREAM_STOP('E'),
  STREAM_COMMIT('c'),
  STREAM_ABORT('A'),
  BEGIN_PREPARE('b'),
  PREPARE('P'),
  COMMIT_PREPARED('K'),
  ROLLBACK_PREPARED('r'),
  STREAM_PREPARE('p');

  private static final PgOutputMessageType[] BY_CODE = new PgOutputMessageType[128];

  static {
    for (PgOutputMessageType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final char code;

  PgOutputMessageType(char code) {
    this.code = code;
  }

  public char code() {
    return code;
  }

  /** The type for a message's first byte, or null when pgoutput defines none with that byte. */
  public static PgOutputMessageType of(byte code) {
    return code >= 0 ? BY_CODE[code] : null;
  }
}
