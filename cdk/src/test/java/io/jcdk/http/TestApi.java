package io.jcdk.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server in the test JVM (com.sun.net.httpserver) that records every request it gets. */
final class TestApi implements AutoCloseable {

  /** A request as the server saw it. */
  record Seen(String method, URI uri, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String query() {
      return uri.getRawQuery() == null ? "" : uri.getRawQuery();
    }
  }

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, Seen request) throws Exception;
  }

  static {
    // The JDK's server writes a response's headers and body separately; without TCP_NODELAY each small
    // response then waits for the client's delayed ACK (about 40 ms). Read once, when the server
    // classes load, so it is set before the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  private TestApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.start();
  }

  static TestApi start() {
    try {
      return new TestApi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestApi route(String path, Handler handler) {
    server.createContext(path, exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Seen s = new Seen(exchange.getRequestMethod(), exchange.getRequestURI(), Map.copyOf(exchange.getRequestHeaders()), body);
        seen.add(s);
        handler.handle(exchange, s);
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    });
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.uri().getPath().equals(path)).toList();
  }

  static void respond(HttpExchange exchange, int status, String body, String... headerPairs) throws IOException {
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static void json(HttpExchange exchange, String body) throws IOException {
    respond(exchange, 200, body);
  }

  /**
   * Announces {@code body}'s full length, sends only its first {@code sent} bytes and closes the
   * connection: the client sees the body break off.
   */
  /** Reads a request's line and headers, up to the empty line, from a raw socket's input. */
  static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < end.length && (b = in.read()) >= 0; ) {
      matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
    }
  }

  static void breakOff(HttpExchange exchange, String body, int sent) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, sent);
    out.flush();
    // Closing short of the announced length makes the server drop the connection.
    try {
      out.close();
    } catch (IOException expected) {
      // "insufficient bytes written to stream"
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
