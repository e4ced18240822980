package io.jcdk.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RecordScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Jackson's parser for UTF-8, whose {@link #skipChildren} first asks a {@link RecordScanner} for the
 * end of the value: a page's records are skipped (and so checked) at about 1 ns a byte instead of
 * token by token, which was most of a read's own CPU time and much of what the JIT compiled.
 *
 * <p>The scanner takes a value only when it is complete in the parser's buffer, holds no line
 * break, and is well-formed by rules at least as strict as this parser's (same nesting and number
 * limits; a value in the 8,000-byte buffer cannot reach the name-length or nesting limits measured
 * from the document's root). Anything else, the scanner declines and the parser skips the value
 * as it always did, so malformed input gets the parser's own error, at the parser's own position.
 */
final class ScanningJsonParser extends UTF8StreamJsonParser {

  private final RecordScanner scanner = new RecordScanner();
  /**
   * Whether reading on for a value the scanner declined has let it take the value so far: once it
   * has not (values with line breaks, larger than the buffer, or malformed), it is not tried again.
   */
  private boolean readingOnHelps = true;

  private ScanningJsonParser(IOContext ctxt, int features, InputStream in, ByteQuadsCanonicalizer names,
      byte[] buffer, int end) {
    super(ctxt, features, in, null, names, buffer, 0, end, 0, true);
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken start = _currToken;
    int from = _inputPtr - 1;
    // The value's first byte is the last one read, and where the parser put the token (a check).
    if ((start == JsonToken.START_OBJECT || start == JsonToken.START_ARRAY) && from >= 0
        && _tokenInputTotal - 1 == _currInputProcessed + from) {
      int end = scanner.valueEnd(_inputBuffer, from, _inputEnd);
      if (end < 0 && from > 0 && readingOnHelps && loadMoreKeeping(from)) {
        end = scanner.valueEnd(_inputBuffer, 0, _inputEnd);
        readingOnHelps = end > 0;
      }
      if (end > 0) {
        // Where the parser would be after reading the closing bracket itself.
        _inputPtr = end;
        _tokenInputTotal = _currInputProcessed + end;
        _tokenInputRow = _currInputRow;
        _tokenInputCol = end - _currInputRowStart;
        _parsingContext = _parsingContext.clearAndGetParent();
        _currToken = start == JsonToken.START_OBJECT ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
        return this;
      }
    }
    return super.skipChildren();
  }

  /**
   * For a value the buffer may have cut off (the body arrives in pieces, and a read gives what has
   * arrived): moves the value's bytes so far, from {@code from}, to the start of the buffer and
   * reads more after them, as the parser's own loading would, but keeping the value's start; false
   * if the stream had nothing more. The parser's offsets, lines and columns stay as they were.
   *
   * <p>Should the value be malformed before the cut, this reads on before the parser reports it:
   * a body that also breaks off there then fails as broken off (and is fetched again) rather than
   * as malformed.
   */
  private boolean loadMoreKeeping(int from) throws IOException {
    if (_inputStream == null) {
      return false;
    }
    int kept = _inputEnd - from;
    System.arraycopy(_inputBuffer, from, _inputBuffer, 0, kept);
    _currInputProcessed += from;
    _currInputRowStart -= from;
    _nameStartOffset -= from;
    _inputEnd = kept;
    _inputPtr = 1;
    _streamReadConstraints.validateDocumentLength(_currInputProcessed);
    int n = _inputStream.read(_inputBuffer, kept, _inputBuffer.length - kept);
    if (n <= 0) {
      return false;
    }
    _inputEnd += n;
    return true;
  }

  /**
   * The kit's factory ({@link Json#factory()}: its features and limits), making these parsers for
   * bodies in UTF-8 without a byte order mark, Jackson's usual ones for anything else.
   */
  static final class Factory extends JsonFactory {

    Factory() {
      super(Json.factory(), null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      byte[] head = in.readNBytes(4);
      if (!utf8WithoutBom(head) || !isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)) {
        return super._createParser(new SequenceInputStream(new ByteArrayInputStream(head), in), ctxt);
      }
      byte[] buffer = ctxt.allocReadIOBuffer();
      System.arraycopy(head, 0, buffer, 0, head.length);
      return new ScanningJsonParser(ctxt, _parserFeatures, in,
          _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures), buffer, head.length);
    }

    /**
     * What Jackson's encoding detection would call UTF-8 without a BOM: four bytes, none zero (UTF-16
     * and UTF-32 put zeros beside ASCII), the first not the start of a BOM.
     */
    private static boolean utf8WithoutBom(byte[] head) {
      if (head.length < 4 || head[0] == (byte) 0xEF || head[0] == (byte) 0xFE || head[0] == (byte) 0xFF) {
        return false;
      }
      for (byte b : head) {
        if (b == 0) {
          return false;
        }
      }
      return true;
    }
  }
}
