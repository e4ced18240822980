package io.jcdk.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value kept as its UTF-8 bytes.
 *
 * <p>Record data travels through a pass-through connector without ever becoming a tree: the reader
 * slices the bytes out of the input line and the writer copies them to the output. {@link #tree()}
 * parses on demand for connectors that need to look inside.
 */
@JsonSerialize(using = RawJson.Serializer.class)
@JsonDeserialize(using = RawJson.Deserializer.class)
public final class RawJson {

  private final byte[] bytes;
  private JsonNode tree;

  private RawJson(byte[] bytes, JsonNode tree) {
    this.bytes = bytes;
    this.tree = tree;
  }

  /** Wraps bytes that already hold one valid JSON value; the array must not be changed afterwards. */
  public static RawJson ofTrustedBytes(byte[] utf8Json) {
    return new RawJson(utf8Json, null);
  }

  public static RawJson of(JsonNode tree) {
    try {
      return new RawJson(Json.mapper().writeValueAsBytes(tree), tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and re-checks text, for values typed by people (tests, fixtures). */
  public static RawJson parse(String json) {
    return of(Json.parse(json));
  }

  /** The UTF-8 bytes; callers must not modify the array. */
  public byte[] bytes() {
    return bytes;
  }

  public int size() {
    return bytes.length;
  }

  /** Whether {@link #tree()} has been built: a pass-through path should leave this false. */
  public boolean isParsed() {
    return tree != null;
  }

  /** The parsed value, built on first use and kept. */
  public JsonNode tree() {
    JsonNode t = tree;
    if (t == null) {
      try {
        t = Json.mapper().readTree(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tree = t;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RawJson other)) {
      return false;
    }
    return Arrays.equals(bytes, other.bytes) || tree().equals(other.tree());
  }

  @Override
  public int hashCode() {
    return tree().hashCode();
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Copies the bytes straight into the generator's buffer when the generator writes UTF-8. */
  static final class Serializer extends JsonSerializer<RawJson> {
    @Override
    public void serialize(RawJson value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      writeTo(value, gen);
    }
  }

  static void writeTo(RawJson value, JsonGenerator gen) throws IOException {
    if (gen instanceof TokenBuffer) {
      // convertValue/valueToTree go through a TokenBuffer, which would keep raw text opaque.
      Json.mapper().writeTree(gen, value.tree());
    } else {
      gen.writeRawValue(new RawBytes(value.bytes));
    }
  }

  static final class Deserializer extends JsonDeserializer<RawJson> {
    @Override
    public RawJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return of(p.readValueAsTree());
    }
  }

  /** Bytes presented to Jackson as pre-encoded raw output; only the unquoted forms are used. */
  record RawBytes(byte[] utf8) implements SerializableString {
    @Override
    public String getValue() {
      return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return utf8;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      if (offset + utf8.length > buffer.length) {
        return -1;
      }
      System.arraycopy(utf8, 0, buffer, offset, utf8.length);
      return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      String s = getValue();
      if (offset + s.length() > buffer.length) {
        return -1;
      }
      s.getChars(0, s.length(), buffer, offset);
      return s.length();
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8);
      return utf8.length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      if (buffer.remaining() < utf8.length) {
        return -1;
      }
      buffer.put(utf8);
      return utf8.length;
    }

    @Override
    public char[] asQuotedChars() {
      throw quoted();
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw quoted();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw quoted();
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw quoted();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw quoted();
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw quoted();
    }

    private static UnsupportedOperationException quoted() {
      return new UnsupportedOperationException("raw JSON is never written as a quoted string");
    }
  }
}
