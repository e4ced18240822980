package io.jcdk.http;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.source.ReadContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of an HTTP source: what {@code discover} reports and what {@code read} reads.
 *
 * <pre>{@code
 * public AirbyteCatalog discover(Config config) {
 *   return STREAMS.catalog();
 * }
 *
 * public void read(Config config, ReadContext context) {
 *   STREAMS.read(AcmeClient.requester(config), context);
 * }
 * }</pre>
 */
public final class HttpStreams {

  private final Map<String, HttpStream> byName;

  private HttpStreams(Map<String, HttpStream> byName) {
    this.byName = byName;
  }

  public static HttpStreams of(HttpStream... streams) {
    Map<String, HttpStream> byName = new LinkedHashMap<>();
    for (HttpStream s : streams) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("two streams are named '" + s.name() + "'");
      }
    }
    return new HttpStreams(byName);
  }

  public AirbyteCatalog catalog() {
    return AirbyteCatalog.of(byName.values().stream().map(HttpStream::airbyteStream).toList());
  }

  /**
   * Reads every stream of the configured catalog through {@code api}, one after the other, with the
   * stream status, checkpoints and final states of {@link ReadContext#readStreams}. A stream this
   * source does not have is a config error before anything is read.
   */
  public void read(HttpRequester api, ReadContext context) {
    List<ConfiguredAirbyteStream> configured = context.catalog().streams();
    for (ConfiguredAirbyteStream s : configured) {
      if (!byName.containsKey(s.stream().name())) {
        throw ConnectorException.config("The catalog names the stream '" + s.descriptor() + "', which this source"
            + " does not have (it has " + byName.keySet() + "); refresh the source's schema.");
      }
    }
    context.readStreams((stream, prior, emitter) -> byName.get(stream.stream().name()).read(api, stream, prior, emitter));
  }
}
