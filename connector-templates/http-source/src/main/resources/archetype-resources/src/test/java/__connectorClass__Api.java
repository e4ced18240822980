package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An example of ${connectorTitle}'s API, served in the test JVM by the JDK's HTTP server, so the tests
 * run the connector against a real server:
 *
 * <pre>
 * GET /me                                          {"account":"example"}
 * GET /items?updated_since=&amp;cursor=&amp;limit=   {"data":[item…],"next_cursor":"…"|null}
 * </pre>
 *
 * Every request needs {@code Authorization: Bearer <token>} (else 401). Twenty items, sorted by
 * {@code updated_at}, two sharing each value; {@code updated_since} is inclusive; five items a page.
 */
final class ${connectorClass}Api implements AutoCloseable {

  static {
    // The JDK's server writes headers and body separately; without TCP_NODELAY each small response
    // waits for the client's delayed ACK (about 40 ms). Read when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final int ITEMS = 20;
  private static final int PAGE = 5;

  private final HttpServer server;
  private final String token;

  private ${connectorClass}Api(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/me", exchange -> serve(exchange, "{\"account\":\"example\"}"));
    server.createContext("/items", exchange -> serve(exchange, items(query(exchange))));
    server.start();
  }

  /** Serves the example API to clients presenting {@code token}. */
  static ${connectorClass}Api start(String token) {
    try {
      return new ${connectorClass}Api(token);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  static String updatedAt(int id) {
    return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * ((id + 1) / 2)).toString();
  }

  private static String items(Map<String, String> query) {
    String since = query.get("updated_since");
    List<String> matching = new ArrayList<>();
    for (int id = 1; id <= ITEMS; id++) {
      if (since == null || updatedAt(id).compareTo(since) >= 0) {
        matching.add("{\"id\":" + id + ",\"name\":\"item " + id + "\",\"updated_at\":\"" + updatedAt(id) + "\"}");
      }
    }
    int from = Integer.parseInt(query.getOrDefault("cursor", "0"));
    int to = Math.min(matching.size(), from + Integer.parseInt(query.getOrDefault("limit", String.valueOf(PAGE))));
    String next = to < matching.size() ? "\"" + to + "\"" : "null";
    return "{\"data\":[" + String.join(",", matching.subList(from, to)) + "],\"next_cursor\":" + next + "}";
  }

  private void serve(HttpExchange exchange, String body) throws IOException {
    boolean authorized = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] bytes = (authorized ? body : "{\"error\":\"invalid token\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(authorized ? 200 : 401, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
