package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.source.postgres.cdc.PgOutputMessage.Begin;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Insert;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Update;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The decoder on hand-built messages, byte by byte as the protocol documentation lays them out. */
class PgOutputDecoderTest {

  private final PgOutputDecoder decoder = new PgOutputDecoder();

  @Test
  void decodesBeginWithPostgresEpochTime() throws IOException {
    Message m = new Message('B').int64(0x1_0000_0010L).int64(1_000_000L).int32(-5);

    Begin begin = (Begin) decoder.decode(m.buffer());

    assertThat(begin.finalLsn()).isEqualTo(Lsn.parse("1/10"));
    assertThat(begin.commitTime()).isEqualTo(Instant.parse("2000-01-01T00:00:01Z"));
    assertThat(Integer.toUnsignedLong(begin.xid())).as("xids are unsigned").isEqualTo(4_294_967_291L);
  }

  @Test
  void decodesRelationAndTuplesFromAnOffsetSlice() throws IOException {
    Message relation = new Message('R').int32(7).string("s\u00e9").string("T a").int8('f').int16(2)
        .int8(1).string("id").int32(23).int32(-1)
        .int8(0).string("n\u00e4me").int32(25).int32(-1);
    Relation r = (Relation) decoder.decode(relation.buffer());
    assertThat(r.namespace()).isEqualTo("s\u00e9");
    assertThat(r.columns()).extracting(PgOutputMessage.Column::name).containsExactly("id", "n\u00e4me");

    Message update = new Message('U').int32(7).int8('O').int16(2).text("1").text("old")
        .int8('N').int16(2).text("1").int8('u');
    // pgjdbc hands out a slice of the whole CopyData message: decode from a non-zero array offset.
    byte[] padded = new byte[update.bytes().length + 25];
    System.arraycopy(update.bytes(), 0, padded, 25, update.bytes().length);
    Update u = (Update) decoder.decode(ByteBuffer.wrap(padded, 25, update.bytes().length).slice());

    assertThat(u.oldKind()).isEqualTo('O');
    assertThat(u.oldTuple().text(1)).isEqualTo("old");
    assertThat(u.newTuple().text(0)).isEqualTo("1");
    assertThat(u.newTuple().isUnchangedToast(1)).isTrue();
  }

  @Test
  void keepsNullsApartFromEmptyText() throws IOException {
    Insert insert = (Insert) decoder.decode(new Message('I').int32(1).int8('N').int16(2).int8('n').text("")
        .buffer());

    assertThat(insert.newTuple().isNull(0)).isTrue();
    assertThat(insert.newTuple().text(0)).isNull();
    assertThat(insert.newTuple().text(1)).isEmpty();
  }

  @Test
  void reportsTruncatedAndUnknownMessagesClearly() throws IOException {
    assertThatThrownBy(() -> decoder.decode(new Message('B').int64(1).buffer()))
        .hasMessageContaining("BEGIN message ends early");
    assertThatThrownBy(() -> decoder.decode(new Message('I').int32(1).int8('N').int16(1).int8('t').int32(99)
        .buffer())).hasMessageContaining("claims 99 bytes");
    assertThatThrownBy(() -> decoder.decode(new Message('Z').buffer())).hasMessageContaining("unknown pgoutput");
    assertThatThrownBy(() -> decoder.decode(new Message('S').int32(1).int8(1).buffer()))
        .hasMessageContaining("STREAM_START");
  }

  /** Builds a message with the protocol's big-endian integers and zero-terminated strings. */
  private static final class Message {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Message(char type) throws IOException {
      out.writeByte(type);
    }

    Message int8(int v) throws IOException {
      out.writeByte(v);
      return this;
    }

    Message int16(int v) throws IOException {
      out.writeShort(v);
      return this;
    }

    Message int32(int v) throws IOException {
      out.writeInt(v);
      return this;
    }

    Message int64(long v) throws IOException {
      out.writeLong(v);
      return this;
    }

    Message string(String s) throws IOException {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.writeByte(0);
      return this;
    }

    Message text(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeByte('t');
      out.writeInt(b.length);
      out.write(b);
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(bytes());
    }
  }
}
