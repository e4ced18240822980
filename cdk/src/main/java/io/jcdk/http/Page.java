package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * What a {@link Paginator} sees of one page: the request that fetched it, the response's headers,
 * the values at the paginator's JSON pointers (read while the records streamed past), and how many
 * records the page held.
 */
public record Page(Request request, HttpHeaders headers, Map<String, JsonNode> values, int records) {

  public Page {
    values = Map.copyOf(values);
  }

  /** The value at {@code pointer}, one of the paginator's {@link Paginator#pointers()}; missing if the body had none. */
  public JsonNode at(String pointer) {
    return values.getOrDefault(pointer, MissingNode.getInstance());
  }
}
