package io.jcdk.source.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds one record's JSON object at a time, from column values in text form, into a reused
 * buffer; {@link #finish} hands out the bytes as {@link RawJson}. The fast path of every read: no
 * tree, no per-row maps, field names encoded once.
 *
 * <pre>{@code
 * PgRecordWriter w = new PgRecordWriter(columns);
 * w.begin();
 * for (int i = 0; i < columns.size(); i++) w.field(i, textBytesOrNull);
 * RawJson data = w.finish();
 * }</pre>
 *
 * <p>One instance per thread. Extra fields (CDC's {@code _ab_cdc_*}) go through {@link
 * #generator()} between {@code begin} and {@code finish}.
 */
public final class PgRecordWriter {

  /**
   * The kit's factory, writing characters outside the BMP as UTF-8 rather than as escaped surrogate
   * pairs: the same bytes whether a value came as UTF-8 bytes or as a String.
   */
  public static final JsonFactory JSON = Json.factory().rebuild()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private final List<PgColumn> columns;
  private final SerializableString[] names;
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(4096);
  private final JsonGenerator out;

  public PgRecordWriter(List<PgColumn> columns) {
    this.columns = List.copyOf(columns);
    this.names = new SerializableString[this.columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = new SerializedString(this.columns.get(i).field());
    }
    try {
      this.out = JSON.createGenerator(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Records are separate documents; without this Jackson puts a space between root values.
    out.setRootValueSeparator(null);
  }

  public List<PgColumn> columns() {
    return columns;
  }

  public void begin() {
    try {
      out.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes column {@code index} from its UTF-8 text; null is JSON null. */
  public void field(int index, byte[] text) {
    field(index, text, 0, text == null ? -1 : text.length);
  }

  /** Writes column {@code index} from the UTF-8 text {@code data[offset, offset + length)}; length -1 is null. */
  public void field(int index, byte[] data, int offset, int length) {
    try {
      out.writeFieldName(names[index]);
      if (length < 0) {
        out.writeNull();
      } else {
        PgValueConverter.INSTANCE.write(out, columns.get(index).type(), data, offset, length);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw cannotConvert(index, e);
    }
  }

  /** Writes column {@code index} from its text; null is JSON null. */
  public void field(int index, String text) {
    try {
      out.writeFieldName(names[index]);
      PgValueConverter.INSTANCE.write(out, columns.get(index).type(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw cannotConvert(index, e);
    }
  }

  /** Writes a bytea column {@code index} from its bytes (JDBC decodes bytea itself). */
  public void binaryField(int index, byte[] bytes) {
    try {
      out.writeFieldName(names[index]);
      if (bytes == null) {
        out.writeNull();
      } else {
        out.writeBinary(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generator, positioned inside the object: for fields that are not columns. */
  public JsonGenerator generator() {
    return out;
  }

  /** Closes the object and returns its bytes; the writer is ready for the next {@link #begin}. */
  public RawJson finish() {
    try {
      out.writeEndObject();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    return RawJson.ofTrustedBytes(bytes);
  }

  /** Bytes written for the record in progress (flushes the generator first). */
  public int pendingSize() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.size();
  }

  private IllegalArgumentException cannotConvert(int index, RuntimeException e) {
    PgColumn c = columns.get(index);
    return new IllegalArgumentException(
        "cannot convert column \"" + c.name() + "\" of type " + c.type().name() + ": " + e.getMessage(), e);
  }
}
