package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.RawJson;
import io.jcdk.source.CursorTracker;
import io.jcdk.source.StreamEmitter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * One read of one {@link HttpStream}: page after page until the paginator says stop, each record
 * emitted as it streams in, cursor state checkpointed as the policy asks, pagination loops stopped.
 */
final class StreamRead {

  private static final Logger LOG = Logger.getLogger(StreamRead.class.getName());
  private static final int PROGRESS_EVERY_PAGES = 100;

  private final HttpRequester api;
  private final HttpStream stream;
  private final StreamEmitter emitter;
  private final CursorTracker tracker;
  private final JsonNode lowerBound;
  private final String cursorPointer;
  private final Comparator<JsonNode> order = CursorTracker.naturalOrder();
  private final PageParser parser;
  /** Every request sent in this read, with the number of the page it fetched. */
  private final Map<String, Integer> requested = new HashMap<>();

  private int pages;
  private long emitted;
  private long belowBound;
  private JsonNode lastCursor;
  private long lastFingerprint;
  private long lastLength = -1;

  StreamRead(HttpRequester api, HttpStream stream, StreamEmitter emitter, CursorTracker tracker, JsonNode lowerBound) {
    this.api = api;
    this.stream = stream;
    this.emitter = emitter;
    this.tracker = tracker;
    this.lowerBound = lowerBound;
    this.cursorPointer = stream.cursorField() == null ? null : JsonPointers.member("", stream.cursorField());
    this.parser = new PageParser(stream.recordsPointer(), stream.paginator().pointers());
  }

  /** Reads from {@code first} on; returns the final state (null for a full refresh). */
  JsonNode run(Request first) {
    Request request = first;
    while (request != null) {
      Integer earlier = requested.putIfAbsent(request.identity(), pages + 1);
      if (earlier != null) {
        throw ConnectorException.system("Stream '" + stream.name() + "' stopped: page " + (pages + 1) + " would be "
            + request + " again, which page " + earlier + " already fetched. The API's pagination went in a loop"
            + " (its next-page token or link did not advance); reading on would never end. Check the stream's"
            + " paginator against the API's documentation.", null);
      }
      PageSink sink = new PageSink();
      Fetched fetched = api.send(request, response -> {
        sink.restart();
        PageParser.Parsed parsed = parser.parse(response.body(), sink);
        return new Fetched(new Page(response.request(), response.headers(), parsed.values(), parsed.records()),
            sink.fingerprint(), parsed.length());
      });
      pages++;
      if (fetched.page().records() > 0 && fetched.length() == lastLength && fetched.fingerprint() == lastFingerprint) {
        throw ConnectorException.system("Stream '" + stream.name() + "' stopped: page " + pages + " (" + request
            + ") came back identical to page " + (pages - 1) + ". The API ignores the paginator's parameter or"
            + " repeats its last page, and reading on would never end. Check the stream's paginator against the"
            + " API's documentation.", null);
      }
      lastLength = fetched.length();
      lastFingerprint = fetched.fingerprint();
      if (pages % PROGRESS_EVERY_PAGES == 0) {
        LOG.info(() -> "stream '" + stream.name() + "': " + pages + " pages, " + emitted + " records so far");
      }
      request = stream.paginator().next(fetched.page()).orElse(null);
    }
    LOG.info(() -> "stream '" + stream.name() + "': " + pages + " page" + (pages == 1 ? "" : "s") + ", " + emitted
        + " records" + (belowBound == 0 ? "" : "; " + belowBound + " records below the state's cursor "
        + lowerBound + " were skipped (the API returned them although asked for newer ones)"));
    return tracker == null ? null : tracker.state();
  }

  /** A page, and what tells it from the page before: its length and its records' fingerprints. */
  private record Fetched(Page page, long fingerprint, long length) {}

  /**
   * Emits the records of one page. When the body breaks off and the page is fetched again, the
   * records already emitted are recognized (by a checksum of their bytes, in order) and skipped, so a
   * retry neither loses nor repeats records; should the page have changed meanwhile, everything from
   * the first difference on is emitted again (repeats rather than losses).
   */
  private final class PageSink implements PageParser.RecordSink {
    private long[] fingerprints = new long[128];
    private int delivered;
    private int position;
    private boolean diverged;

    void restart() {
      position = 0;
      diverged = false;
    }

    /** The records of the page (as last read), summed up. */
    long fingerprint() {
      long h = 1;
      for (int i = 0; i < position; i++) {
        h = 31 * h + fingerprints[i];
      }
      return h;
    }

    @Override
    public void accept(RawJson record) {
      long fingerprint = fingerprint(record.bytes());
      if (!diverged && position < delivered) {
        if (fingerprints[position] == fingerprint) {
          position++;
          return;
        }
        diverged = true;
      }
      deliver(record);
      if (position == fingerprints.length) {
        fingerprints = Arrays.copyOf(fingerprints, position * 2);
      }
      fingerprints[position++] = fingerprint;
      delivered = Math.max(delivered, position);
    }

    private long fingerprint(byte[] bytes) {
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      return crc.getValue() << 32 | bytes.length & 0xffffffffL;
    }
  }

  private void deliver(RawJson record) {
    if (tracker == null) {
      emitter.emit(record);
      emitted++;
      return;
    }
    JsonNode value = record.tree().at(cursorPointer);
    boolean hasValue = !value.isMissingNode() && !value.isNull();
    if (hasValue && lowerBound != null && order.compare(value, lowerBound) < 0) {
      belowBound++;
      return;
    }
    if (hasValue && lastCursor != null && order.compare(value, lastCursor) < 0) {
      throw ConnectorException.system("Stream '" + stream.name() + "': the API returned " + stream.cursorField() + "="
          + value + " after " + lastCursor + " (page " + (pages + 1) + "). An incremental stream needs its records in"
          + " ascending order of the cursor, or a checkpoint could skip records: sort the request by "
          + stream.cursorField() + " (e.g. .query(\"sort\", \"" + stream.cursorField() + "\")).", null);
    }
    emitter.emit(record);
    emitted++;
    if (hasValue) {
      tracker.observe(value);
      lastCursor = value;
    }
    if (emitter.checkpointDue()) {
      emitter.checkpoint(tracker.state());
    }
  }
}
