package io.jcdk.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.jcdk.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads newline-delimited protocol messages.
 *
 * <p>RECORD messages, nearly all of the traffic, are decoded by {@link RecordScanner}, which slices
 * {@code data} out of the line as raw bytes: no tree, no re-serialization. Any other message, or a
 * record carrying fields this fast path does not know, goes through data binding so unknown fields
 * survive. Errors name the line number and quote the start of the line.
 */
public final class MessageReader {

  /**
   * Data binding, for what the scanner leaves; a second value on the line (a message glued on) is
   * refused. Built at the first such line, not at start: building it costs 50–100 ms; a
   * destination's STATE lines do not need it ({@link #other}).
   */
  private static final class Binding {
    static final ObjectReader MESSAGE = Json.mapper().readerFor(AirbyteMessage.class)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static final byte[] STATE = "\"STATE\"".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectReader TREE = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Lines longer than this are split off before decoding (see {@link #next}). */
  private static final int SCAN_IN_PLACE_BELOW = 8 << 10;

  private final LineReader lines;
  private final RecordScanner scanner = new RecordScanner();
  private long lineNumber;
  private int lastLineLength;
  /** Whether the line reader is reading a line, or the length of the line being decoded (else -1). */
  private boolean reading;
  private int decoding = -1;

  public MessageReader(InputStream in) {
    this.lines = new LineReader(in, 1 << 16);
  }

  /** The number of the line last returned, counting from 1. */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The next message, or null at end of input. Blank lines are skipped. A line too large for the
   * heap is a {@link ConnectorException#system} that names its size and a heap that holds it.
   */
  public AirbyteMessage next() throws IOException {
    try {
      return read();
    } catch (OutOfMemoryError e) {
      if (!reading && decoding < 0) {
        throw e; // not a line of its own making: the boundary reports it
      }
      // The failed allocation holds nothing, and what the line holds is freed once this method is left.
      long line = reading ? lineNumber + 1 : lineNumber;
      int from = reading ? lines.start() : lines.lineOffset;
      String start = ProtocolException.excerpt(lines.buffer(), from, Math.min(lines.end() - from, 80));
      long bytes = reading ? lines.skipLine() : decoding;
      throw ConnectorException.system(String.format("Line %d holds a message of %d MB (%,d bytes), more than this heap"
          + " holds (maximum %d MB): %s Or have the source send smaller records. The line starts: %s", line, bytes >> 20,
          bytes, Runtime.getRuntime().maxMemory() >> 20, heapAdvice(bytes), start), e);
    } finally {
      reading = false;
      decoding = -1;
    }
  }

  /**
   * What reading a message of {@code bytes} takes and the heap to give a connector for it, as a
   * sentence. Reading keeps the line in a buffer that doubles from 64 KiB until it holds it (while
   * it grows, the old buffer and the new one both live) and slices the record's data out of it;
   * a quarter more for the rest of the connector and 64 MiB for the JVM, rounded up to 64 MiB. (A
   * 200 MB record: 456 MB to read, a 640 MB heap; destination-kvdb's JarCommandsIT writes it with
   * that heap, and 576 MB was the least that did.)
   */
  public static String heapAdvice(long bytes) {
    long buffer = 64 << 10;
    while (buffer <= bytes) {
      buffer *= 2;
    }
    long reading = Math.max(buffer + buffer / 2, buffer + bytes);
    long heap = ((reading + reading / 4 + (64 << 20)) + (64 << 20) - 1) >> 26 << 6;
    return "reading it takes about " + (reading >> 20) + " MB. Give the connector a heap of at least " + heap
        + " MB: java -Xmx" + heap + "m -jar …, or JAVA_TOOL_OPTIONS=-Xmx" + heap + "m for its image.";
  }

  private AirbyteMessage read() throws IOException {
    // A RECORD line is decoded where it lies in the buffer, the scanner finding its end; anything
    // else (another message, a line not read in whole yet) is split off as a line first. After a
    // long line the next is likely long too, and likely not all read yet: a scan in place would
    // mostly be wasted, so long lines go the line way; so do the lines in the last bytes read, which
    // may be cut off. (Scanned in place, a cut line is scanned twice, and that rare path, once the
    // JIT compiler has seen it, sends the compiled scanner back to the interpreter and through the
    // compiler again: measured, two more C2 compilations of it per million records.)
    if (lastLineLength < SCAN_IN_PLACE_BELOW && lines.end() - lines.start() >= SCAN_IN_PLACE_BELOW) {
      AirbyteRecordMessage record = scanner.lineAt(lines.buffer(), lines.start(), lines.end());
      if (record != null) {
        lines.take(scanner.newline());
        lineNumber++;
        lastLineLength = lines.lineLength;
        return AirbyteMessage.of(record);
      }
    }
    while (nextLine()) {
      lineNumber++;
      lastLineLength = lines.lineLength;
      byte[] buf = lines.buffer();
      int off = lines.lineOffset;
      int len = lines.lineLength;
      if (isBlank(buf, off, len)) {
        continue;
      }
      decoding = len;
      return decode(buf, off, len);
    }
    return null;
  }

  private boolean nextLine() throws IOException {
    reading = true;
    boolean more = lines.next();
    reading = false;
    return more;
  }

  private AirbyteMessage decode(byte[] buf, int off, int len) {
    try {
      AirbyteRecordMessage record = scanner.line(buf, off, len);
      if (record == null) {
        checkUtf8(buf, off, len);
      }
      AirbyteMessage message = record != null ? AirbyteMessage.of(record) : other(buf, off, len);
      if (message == null) {
        throw fail("expected a JSON object", buf, off, len, null);
      }
      checkPayload(message, buf, off, len);
      if (record == null && message.type() == AirbyteMessage.Type.RECORD && !message.record().data().tree().isObject()) {
        // data binding built the tree already (the scanner takes objects only)
        throw fail("a RECORD's data must be a JSON object, found " + message.record().data().tree().getNodeType().name()
            .toLowerCase(Locale.ROOT) + "; the source must wrap the value in an object", buf, off, len, null);
      }
      return message;
    } catch (InvalidFormatException e) {
      throw fail("invalid value " + quote(e.getValue()) + " at " + path(e) + "; expected one of "
          + allowed(e.getTargetType()), buf, off, len, e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String problem = cause instanceof NullPointerException
          ? "missing required field '" + cause.getMessage() + "' in " + e.getType().getRawClass().getSimpleName()
          : e.getOriginalMessage();
      throw fail("invalid message: " + problem, buf, off, len, e);
    } catch (JsonProcessingException e) {
      throw fail("malformed JSON: " + e.getOriginalMessage(), buf, off, len, e);
    } catch (IOException e) {
      throw fail("unreadable: " + e.getMessage(), buf, off, len, e);
    }
  }

  /**
   * A line the scanner leaves: a STATE read from its tree ({@link StateTree}), anything else (or a
   * line that is not JSON, so that the error is data binding's) through data binding.
   */
  private AirbyteMessage other(byte[] buf, int off, int len) throws IOException {
    JsonNode tree = null;
    if (contains(buf, off, len, STATE)) { // no tree of a large record that the scanner left
      try {
        tree = TREE.readTree(buf, off, len);
      } catch (JsonProcessingException | NumberFormatException e) {
        // data binding reads the line again, to fail as it always has
      }
    }
    AirbyteMessage state;
    try {
      state = tree == null ? null : StateTree.message(tree);
    } catch (IllegalArgumentException e) {
      throw fail("invalid message: " + e.getMessage(), buf, off, len, e);
    }
    return state != null ? state : Binding.MESSAGE.readValue(buf, off, len);
  }

  /** What the scanner checks on its way, for the lines it leaves to the mapper, which reads invalid UTF-8 too. */
  private void checkUtf8(byte[] buf, int off, int len) {
    int bad = Utf8.firstInvalid(buf, off, off + len);
    if (bad >= 0) {
      StringBuilder bytes = new StringBuilder();
      for (int i = bad; i < Math.min(bad + 4, off + len); i++) {
        bytes.append(bytes.length() == 0 ? "" : " ").append(String.format("%02X", buf[i] & 0xff));
      }
      throw fail("invalid UTF-8 at byte " + (bad - off + 1) + " of the line: " + bytes + " (an overlong form, a"
          + " UTF-16 surrogate, a code point above U+10FFFF, a cut sequence or a byte that starts none); the source"
          + " must write UTF-8", buf, off, len, null);
    }
  }

  private ProtocolException fail(String problem, byte[] buf, int off, int len, Throwable cause) {
    return new ProtocolException(lineNumber, problem, buf, off, len, cause);
  }

  private void checkPayload(AirbyteMessage m, byte[] buf, int off, int len) {
    String missing = switch (m.type()) {
      case RECORD -> m.record() == null ? "record" : null;
      case STATE -> m.state() == null ? "state" : null;
      case LOG -> m.log() == null ? "log" : null;
      case SPEC -> m.spec() == null ? "spec" : null;
      case CONNECTION_STATUS -> m.connectionStatus() == null ? "connectionStatus" : null;
      case CATALOG -> m.catalog() == null ? "catalog" : null;
      case TRACE -> m.trace() == null ? "trace" : null;
      case CONTROL -> m.control() == null ? "control" : null;
      case DESTINATION_CATALOG -> m.destinationCatalog() == null ? "destination_catalog" : null;
    };
    if (missing != null) {
      throw fail("a " + m.type() + " message needs a '" + missing + "' object", buf, off, len, null);
    }

  }

  private static boolean contains(byte[] buf, int off, int len, byte[] part) {
    outer:
    for (int i = off; i <= off + len - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (buf[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isBlank(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String quote(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static String path(InvalidFormatException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "the top level" : "'" + sb + "'";
  }

  private static String allowed(Class<?> type) {
    if (type != null && type.isEnum()) {
      return Arrays.toString(type.getEnumConstants());
    }
    return type == null ? "another value" : type.getSimpleName();
  }
}
