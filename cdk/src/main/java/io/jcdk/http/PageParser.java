package io.jcdk.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one page in a single pass of a streaming parser, without building the page as a tree: each
 * record under the records pointer is handed on as its own bytes as soon as it has been read, and
 * the few values a paginator wants (a next cursor, a next URL) are kept wherever in the body they
 * are, before or after the records. Everything else is skipped.
 */
final class PageParser {

  /** Receives each record of a page as it is read. */
  @FunctionalInterface
  interface RecordSink {
    void accept(RawJson record);
  }

  /** What a page held besides its records. */
  record Parsed(Map<String, JsonNode> values, int records, long length) {}

  /** The body is valid JSON but not the shape the stream declares (the records pointer holds a string). */
  static final class ShapeException extends JsonParseException {
    ShapeException(JsonParser p, String message) {
      super(p, message);
    }
  }

  private final String recordsPointer;
  private final Set<String> wanted;
  private final SlicingInputStream in = new SlicingInputStream();

  PageParser(String recordsPointer, Set<String> wanted) {
    this.recordsPointer = JsonPointers.check(recordsPointer);
    this.wanted = Set.copyOf(wanted);
  }

  /** Parses one page; one page at a time. */
  Parsed parse(InputStream body, RecordSink sink) throws IOException {
    in.reset(body);
    Walk walk = new Walk(in, sink);
    try (JsonParser p = Json.factory().createParser(in)) {
      if (p.nextToken() != null) {
        walk.value(p, "");
        if (p.nextToken() != null) {
          throw new JsonParseException(p, "content after the end of the JSON value");
        }
      }
    }
    return new Parsed(walk.values, walk.records, in.bytesRead());
  }

  private final class Walk {
    final SlicingInputStream in;
    final RecordSink sink;
    final Map<String, JsonNode> values = new HashMap<>();
    int records;

    Walk(SlicingInputStream in, RecordSink sink) {
      this.in = in;
      this.sink = sink;
    }

    /** The value whose first token {@code p} is at, which lies at {@code here}. */
    void value(JsonParser p, String here) throws IOException {
      in.release(p.currentTokenLocation().getByteOffset());
      if (here.equals(recordsPointer)) {
        records(p);
        return;
      }
      if (wanted.contains(here)) {
        JsonNode v = Json.mapper().readTree(p);
        values.put(here, v);
        for (String w : wanted) {
          if (!w.equals(here) && JsonPointers.within(w, here)) {
            values.put(w, v.at(w.substring(here.length())));
          }
        }
        return;
      }
      if (!leadsToSomething(here)) {
        p.skipChildren();
        return;
      }
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          value(p, JsonPointers.member(here, name));
        }
      } else if (t == JsonToken.START_ARRAY) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          value(p, JsonPointers.index(here, i++));
        }
      }
    }

    private boolean leadsToSomething(String here) {
      if (JsonPointers.within(recordsPointer, here)) {
        return true;
      }
      for (String w : wanted) {
        if (JsonPointers.within(w, here)) {
          return true;
        }
      }
      return false;
    }

    /** An array of objects (each a record), one object (one record), or null (none). */
    private void records(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return;
      }
      if (t == JsonToken.START_OBJECT) {
        record(p);
        return;
      }
      if (t != JsonToken.START_ARRAY) {
        throw new ShapeException(p, "expected the records (an array of objects) at '" + recordsPointer + "', found "
            + kind(t));
      }
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          throw new ShapeException(p, "record " + records + " at '" + recordsPointer + "' is " + kind(t)
              + ", not an object");
        }
        record(p);
      }
    }

    private void record(JsonParser p) throws IOException {
      JsonLocation start = p.currentTokenLocation();
      p.skipChildren();
      JsonLocation end = p.currentLocation();
      byte[] bytes = in.slice(start.getByteOffset(), end.getByteOffset(), end.getLineNr() != start.getLineNr());
      in.release(end.getByteOffset());
      records++;
      sink.accept(RawJson.ofTrustedBytes(bytes));
    }
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(t);
    };
  }
}
