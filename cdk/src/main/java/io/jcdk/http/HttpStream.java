package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CursorTracker;
import io.jcdk.source.StreamEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * An HTTP API stream, declared in a few lines; immutable, so declarations can be constants.
 *
 * <pre>{@code
 * static final HttpStream USERS = HttpStream.of("users", "/users")
 *     .query("sort", "updated_at")                          // ascending by the cursor
 *     .records("/data")                                     // where the records are in the body
 *     .paginator(Paginator.cursor("/next_cursor", "cursor"))
 *     .cursor("updated_at", "updated_since")                // incremental: ?updated_since=<saved cursor>
 *     .primaryKey("id")
 *     .schema(Schemas.USERS);
 * }</pre>
 *
 * <p><b>Incremental reads</b> keep the highest cursor value emitted ({@link CursorTracker}) and ask
 * the next read for records with a cursor at or above it. Three things make that lose nothing, and
 * are the author's side of the contract: the API returns records in ascending cursor order (a
 * record below the one before stops the read with an error, rather than checkpoint past records
 * not yet seen); the "since" parameter is inclusive ({@code >=}; for an API with {@code >}, pass a
 * value just below); and the cursor field is a top-level field of the record. Records equal to the
 * saved value are read again (at-least-once); records below it, when an API returns them anyway,
 * are skipped.
 */
public final class HttpStream {

  private static final JsonNode ANY_OBJECT = Json.parse("{\"type\":\"object\"}");

  private final String name;
  private final String namespace;
  private final String path;
  private final UnaryOperator<Request> customize;
  private final String records;
  private final Paginator paginator;
  private final String cursorField;
  private final BiFunction<Request, JsonNode, Request> since;
  private final JsonNode startValue;
  private final List<String> primaryKey;
  private final JsonNode schema;

  private HttpStream(String name, String namespace, String path, UnaryOperator<Request> customize, String records,
      Paginator paginator, String cursorField, BiFunction<Request, JsonNode, Request> since, JsonNode startValue,
      List<String> primaryKey, JsonNode schema) {
    this.name = name;
    this.namespace = namespace;
    this.path = path;
    this.customize = customize;
    this.records = JsonPointers.check(records);
    this.paginator = paginator;
    this.cursorField = cursorField;
    this.since = since;
    this.startValue = startValue;
    this.primaryKey = List.copyOf(primaryKey);
    this.schema = schema;
  }

  /** The stream {@code name}, read with GETs of {@code path} under the requester's base URL. */
  public static HttpStream of(String name, String path) {
    return new HttpStream(name, null, path, r -> r, "", Paginator.none(), null, null, null, List.of(), ANY_OBJECT);
  }

  /** Adds a query parameter to every request of the stream. */
  public HttpStream query(String parameter, String value) {
    return request(r -> r.withQuery(parameter, value));
  }

  /** Changes every first request of a read (headers, method, body); applied after the earlier changes. */
  public HttpStream request(UnaryOperator<Request> change) {
    UnaryOperator<Request> before = customize;
    return new HttpStream(name, namespace, path, r -> change.apply(before.apply(r)), records, paginator, cursorField,
        since, startValue, primaryKey, schema);
  }

  /** The JSON pointer of the records in the body: an array of objects ({@code ""}, the default, is the whole body). */
  public HttpStream records(String pointer) {
    return new HttpStream(name, namespace, path, customize, pointer, paginator, cursorField, since, startValue,
        primaryKey, schema);
  }

  public HttpStream paginator(Paginator value) {
    return new HttpStream(name, namespace, path, customize, records, value, cursorField, since, startValue,
        primaryKey, schema);
  }

  /** Incremental by {@code field}, asking for records from the saved value on with {@code ?sinceParameter=value}. */
  public HttpStream cursor(String field, String sinceParameter) {
    return cursor(field, (r, value) -> r.withQuery(sinceParameter, value.asText()));
  }

  /** Incremental by {@code field}; {@code since} adds the saved value to the first request (for another format). */
  public HttpStream cursor(String field, BiFunction<Request, JsonNode, Request> sinceRequest) {
    return new HttpStream(name, namespace, path, customize, records, paginator, field, sinceRequest, startValue,
        primaryKey, schema);
  }

  /** The cursor value a first sync starts from (a config's start date); without it the first sync reads everything. */
  public HttpStream startingAt(String cursorValue) {
    return new HttpStream(name, namespace, path, customize, records, paginator, cursorField, since,
        cursorValue == null ? null : TextNode.valueOf(cursorValue), primaryKey, schema);
  }

  /** The top-level fields that identify a record. */
  public HttpStream primaryKey(String... fields) {
    return new HttpStream(name, namespace, path, customize, records, paginator, cursorField, since, startValue,
        List.of(fields), schema);
  }

  /** The records' JSON schema, as {@code discover} reports it (default: any object). */
  public HttpStream schema(JsonNode jsonSchema) {
    return new HttpStream(name, namespace, path, customize, records, paginator, cursorField, since, startValue,
        primaryKey, jsonSchema);
  }

  public HttpStream namespace(String value) {
    return new HttpStream(name, value, path, customize, records, paginator, cursorField, since, startValue,
        primaryKey, schema);
  }

  public String name() {
    return name;
  }

  String recordsPointer() {
    return records;
  }

  Paginator paginator() {
    return paginator;
  }

  String cursorField() {
    return cursorField;
  }

  /** The stream as {@code discover} reports it. */
  public AirbyteStream airbyteStream() {
    List<SyncMode> modes = cursorField == null ? List.of(SyncMode.FULL_REFRESH)
        : List.of(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL);
    AirbyteStream s = AirbyteStream.of(StreamDescriptor.of(namespace, name), schema, modes);
    if (!primaryKey.isEmpty()) {
      List<List<String>> key = new ArrayList<>();
      primaryKey.forEach(f -> key.add(List.of(f)));
      s = s.withPrimaryKey(key);
    }
    return cursorField == null ? s : s.withCursor(true, List.of(cursorField));
  }

  /**
   * Reads the stream as configured, from {@code priorState} (null on a first sync); returns the final
   * state. This is a {@code ReadContext.StreamReader}'s whole body; {@link HttpStreams} calls it.
   */
  public JsonNode read(HttpRequester api, ConfiguredAirbyteStream configured, JsonNode priorState, StreamEmitter emitter) {
    boolean incremental = configured.syncMode() == SyncMode.INCREMENTAL;
    if (incremental && cursorField == null) {
      throw ConnectorException.config("The stream '" + name + "' has no cursor, so it cannot be read incrementally:"
          + " set its sync mode to full_refresh.");
    }
    CursorTracker tracker = incremental
        ? CursorTracker.resume(List.of(cursorField), priorState, CursorTracker.naturalOrder())
        : null;
    JsonNode from = tracker == null ? null : tracker.lowerBoundInclusive().orElse(startValue);
    Request first = customize.apply(api.get(path));
    if (from != null) {
      first = since.apply(first, from);
    }
    return new StreamRead(api, this, emitter, tracker, from).run(paginator.first(first));
  }

  @Override
  public String toString() {
    return "HttpStream[" + name + " " + path + "]";
  }
}
