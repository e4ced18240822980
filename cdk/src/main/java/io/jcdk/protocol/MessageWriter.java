package io.jcdk.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcdk.protocol.AirbyteTraceMessage.Error;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one writer of a connector's stdout: one message per line, buffered, thread-safe, flushed at
 * every STATE (the platform may act on it at once) and on {@link #flush()}/{@link #close()}.
 *
 * <p>Text meant for people (LOG messages, TRACE errors and the message of a CONNECTION_STATUS)
 * passes through a filter first, so the runtime can mask secrets in one place.
 */
public final class MessageWriter implements AutoCloseable {

  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString RECORD_TYPE = new SerializedString("RECORD");
  private static final SerializedString RECORD = new SerializedString("record");
  private static final SerializedString NAMESPACE = new SerializedString("namespace");
  private static final SerializedString STREAM = new SerializedString("stream");
  private static final SerializedString EMITTED_AT = new SerializedString("emitted_at");
  private static final SerializedString DATA = new SerializedString("data");

  private static final byte[] DATA_KEY = ",\"data\":".getBytes(StandardCharsets.US_ASCII);
  private static final RawJson.RawBytes RECORD_END = new RawJson.RawBytes("}}\n".getBytes(StandardCharsets.US_ASCII));

  private final ObjectMapper mapper = Json.mapper();
  private final BufferedOutputStream out;
  private JsonGenerator gen;
  /** A write failed part way: the output may end in half a message, and the generator is unusable. */
  private boolean broken;
  /** The RECORD line up to {@code "data":} for the stream and time of the last record written. */
  private RawJson.RawBytes recordHead;
  private String headNamespace;
  private String headStream;
  private long headEmittedAt;
  /** {@code recordHead} up to {@code "emitted_at":} */
  private byte[] streamPrefix;
  private volatile UnaryOperator<String> textFilter = UnaryOperator.identity();
  private long messages;

  public MessageWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.gen = generator();
  }

  private JsonGenerator generator() {
    try {
      JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8);
      g.setRootValueSeparator(null);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * After a failed write, the next message starts on a line of its own: a new generator (the old
   * one may be inside the half-written message and refuse to start another) after a line break. If
   * the output itself is gone (a closed pipe), that line break fails too, with the output's error.
   */
  private void recover() throws IOException {
    if (broken) {
      gen = generator();
      out.write('\n');
      broken = false;
    }
  }

  /** Applies {@code filter} to the human-readable text of every later LOG, TRACE error and connection status. */
  public void textFilter(UnaryOperator<String> filter) {
    this.textFilter = filter;
  }

  public synchronized void write(AirbyteMessage message) {
    try {
      recover();
      broken = true;
      if (message.type() == AirbyteMessage.Type.RECORD && message.additionalProperties().isEmpty()) {
        writeRecordLine(message.record());
        messages++;
        broken = false;
        return;
      }
      AirbyteMessage filtered = switch (message.type()) {
        case LOG -> message.withLog(filter(message.log()));
        case TRACE -> message.withTrace(filter(message.trace()));
        case CONNECTION_STATUS -> message.withConnectionStatus(filter(message.connectionStatus()));
        default -> message;
      };
      if (!EnvelopeWriter.write(gen, filtered)) {
        mapper.writeValue(gen, filtered);
      }
      gen.writeRaw('\n');
      messages++;
      if (message.type() == AirbyteMessage.Type.STATE) {
        gen.flush();
      }
      broken = false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the output: " + e.getMessage(), e);
    }
  }

  public synchronized void write(AirbyteRecordMessage record) {
    try {
      recover();
      broken = true;
      writeRecordLine(record);
      messages++;
      broken = false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the output: " + e.getMessage(), e);
    }
  }

  /** {@code text} as the text filter shows it: for the rare message that must go elsewhere (stderr). */
  public String masked(String text) {
    return apply(textFilter, text);
  }

  /** Messages written so far. */
  public synchronized long count() {
    return messages;
  }

  public synchronized void flush() {
    try {
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush the output: " + e.getMessage(), e);
    }
  }

  /** Flushes; the underlying stream stays open (it is usually stdout, which the JVM closes). */
  @Override
  public synchronized void close() {
    flush();
  }

  private void writeRecordLine(AirbyteRecordMessage record) throws IOException {
    if (record.meta() == null && record.fileReference() == null && record.additionalProperties().isEmpty()) {
      // The common record: the envelope is the same bytes for every record of a stream written in
      // the same millisecond, so it is encoded once and copied.
      gen.writeRaw(recordHead(record));
      gen.writeRaw(new RawJson.RawBytes(record.data().bytes()));
      gen.writeRaw(RECORD_END);
    } else {
      writeRecord(record);
      gen.writeRaw('\n');
    }
  }

  private RawJson.RawBytes recordHead(AirbyteRecordMessage r) throws IOException {
    // Identity, not equals: a source passes the same descriptor strings for every record of a stream.
    if (r.namespace() != headNamespace || r.stream() != headStream) {
      streamPrefix = streamPrefix(r.namespace(), r.stream());
      headNamespace = r.namespace();
      headStream = r.stream();
      recordHead = null;
    }
    if (recordHead == null || r.emittedAt() != headEmittedAt) {
      byte[] time = Long.toString(r.emittedAt()).getBytes(StandardCharsets.US_ASCII);
      byte[] head = Arrays.copyOf(streamPrefix, streamPrefix.length + time.length + DATA_KEY.length);
      System.arraycopy(time, 0, head, streamPrefix.length, time.length);
      System.arraycopy(DATA_KEY, 0, head, streamPrefix.length + time.length, DATA_KEY.length);
      recordHead = new RawJson.RawBytes(head);
      headEmittedAt = r.emittedAt();
    }
    return recordHead;
  }

  /** {@code {"type":"RECORD","record":{"namespace":…,"stream":…,"emitted_at":}, escaped by Jackson. */
  private static byte[] streamPrefix(String namespace, String stream) throws IOException {
    ByteArrayBuilder bytes = new ByteArrayBuilder(128);
    try (JsonGenerator g = Json.mapper().createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeFieldName(TYPE);
      g.writeString(RECORD_TYPE);
      g.writeFieldName(RECORD);
      g.writeStartObject();
      if (namespace != null) {
        g.writeFieldName(NAMESPACE);
        g.writeString(namespace);
      }
      g.writeFieldName(STREAM);
      g.writeString(stream);
      g.writeFieldName(EMITTED_AT);
      g.writeNumber(0);
      g.flush();
      byte[] withZero = bytes.toByteArray();
      // Everything but the placeholder value 0 (a generator writes the colon with the value).
      return Arrays.copyOf(withZero, withZero.length - 1);
    }
  }

  private void writeRecord(AirbyteRecordMessage r) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(TYPE);
    gen.writeString(RECORD_TYPE);
    gen.writeFieldName(RECORD);
    gen.writeStartObject();
    if (r.namespace() != null) {
      gen.writeFieldName(NAMESPACE);
      gen.writeString(r.namespace());
    }
    gen.writeFieldName(STREAM);
    gen.writeString(r.stream());
    gen.writeFieldName(EMITTED_AT);
    gen.writeNumber(r.emittedAt());
    gen.writeFieldName(DATA);
    RawJson.writeTo(r.data(), gen);
    if (r.meta() != null) {
      gen.writeFieldName("meta");
      mapper.writeValue(gen, r.meta());
    }
    if (r.fileReference() != null) {
      gen.writeFieldName("file_reference");
      mapper.writeValue(gen, r.fileReference());
    }
    for (Map.Entry<String, Object> e : r.additionalProperties().entrySet()) {
      gen.writeFieldName(e.getKey());
      mapper.writeValue(gen, e.getValue());
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  private AirbyteLogMessage filter(AirbyteLogMessage log) {
    UnaryOperator<String> f = textFilter;
    return log.withText(apply(f, log.message()), apply(f, log.stackTrace()));
  }

  private AirbyteConnectionStatus filter(AirbyteConnectionStatus status) {
    if (status == null || status.message() == null) {
      return status;
    }
    return new AirbyteConnectionStatus(status.status(), textFilter.apply(status.message()), status.additionalProperties());
  }

  private AirbyteTraceMessage filter(AirbyteTraceMessage trace) {
    Error e = trace.error();
    if (e == null) {
      return trace;
    }
    UnaryOperator<String> f = textFilter;
    return trace.withError(new Error(apply(f, e.message()), apply(f, e.internalMessage()),
        apply(f, e.stackTrace()), e.failureType(), e.streamDescriptor(), e.additionalProperties()));
  }

  private static String apply(UnaryOperator<String> f, String s) {
    return s == null ? null : f.apply(s);
  }
}
