package io.jcdk.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sends requests to one API: adds the credentials, keeps to the rate limit, retries what a retry can
 * fix, and turns every other failure into a classified {@link ConnectorException} (see {@link
 * RetryPolicy} and the error table in {@code docs/http-sources.md}). Thread-safe; build one per
 * command and share it between streams.
 *
 * <pre>{@code
 * HttpRequester api = HttpRequester.builder(config.baseUrl())
 *     .authenticator(Authenticator.bearer(config.apiToken()))
 *     .rateLimit(10)
 *     .build();
 * JsonNode me = api.json(api.get("/me"));
 * }</pre>
 *
 * <p>Credentials go only to the origin (scheme, host and port) of the base URL: a redirect or a
 * next-page link to another host is followed without them.
 *
 * <p>Requests go over the JDK's {@link HttpURLConnection} (HTTP/1.1, connections kept alive and
 * reused per host; proxies and trust stores from the JVM's standard properties): for a connector's
 * one request at a time it costs a third of the CPU of {@code java.net.http.HttpClient}, whose
 * selector and executor threads hand every response across threads (docs/performance.md).
 */
public final class HttpRequester {

  private static final int MAX_REDIRECTS = 5;
  /** The most of a body read to its end so that its connection can be reused. */
  private static final int DRAIN_LIMIT = 64 * 1024;

  private final String base;
  private final URI baseUri;
  private final Authenticator authenticator;
  private final RetryPolicy retry;
  private final Timeouts timeouts;
  private final RateLimiter limiter;
  private final Map<String, String> headers;
  private final Clock clock;
  private final Sleeper sleeper;

  private HttpRequester(Builder b) {
    this.base = b.base.replaceAll("/+$", "");
    this.baseUri = URI.create(base);
    this.authenticator = b.authenticator;
    this.retry = b.retry;
    this.timeouts = b.timeouts;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.limiter = b.perSecond > 0 ? new RateLimiter(b.perSecond, clock, sleeper) : null;
    this.headers = Map.copyOf(b.headers);
  }

  /** A requester for the API at {@code baseUrl} (for example {@code https://api.example.com/v1}). */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** {@code path} under the base URL ({@code /users} → {@code https://api.example.com/v1/users}); absolute URLs as they are. */
  public URI resolve(String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    return URI.create(path.isEmpty() ? base : base + (path.startsWith("/") ? path : "/" + path));
  }

  /** A GET of {@code path} under the base URL. */
  public Request get(String path) {
    return Request.get(resolve(path));
  }

  /**
   * Sends {@code request} with credentials and hands a 2xx response to {@code reader}; see the class
   * comment for everything else. A 401 makes a renewable authenticator (OAuth) fetch a new token
   * once, and the request is sent again.
   */
  public <T> T send(Request request, BodyReader<T> reader) {
    return run(request, reader, true);
  }

  /** The whole body of the 2xx response to {@code request} as a tree: for small answers ({@code check}). */
  public JsonNode json(Request request) {
    return send(request, HttpRequester::readTree);
  }

  /**
   * Sends without the authenticator, retrying as {@link #send} does, and hands the reader every
   * response that is not retried, whatever its status: token endpoints answer 400 for bad
   * credentials, and only the authenticator knows which fields to name.
   */
  <T> T exchange(Request request, BodyReader<T> reader) {
    return run(request, reader, false);
  }

  Clock clock() {
    return clock;
  }

  static JsonNode readTree(Response response) throws IOException {
    try (JsonParser p = Json.factory().createParser(response.body())) {
      JsonNode tree = Json.mapper().readTree(p);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "content after the end of the JSON value");
      }
      return tree == null ? Json.mapper().missingNode() : tree;
    }
  }

  private <T> T run(Request request, BodyReader<T> reader, boolean authenticated) {
    Backoff backoff = new Backoff(retry, clock, sleeper);
    boolean renewed = false;
    try {
      while (true) {
        String failure;
        IOException cause = null;
        String retryAfter = null;
        Response ex;
        try {
          ex = transport(request, authenticated);
        } catch (IOException e) {
          if (HttpFailures.tlsMisconfigured(e)) {
            throw HttpFailures.tls(request, e);
          }
          if (!backoff.waitBeforeRetry(null)) {
            throw HttpFailures.exhausted(request, HttpFailures.describe(e), backoff.gaveUp(), e);
          }
          continue;
        }
        int status = ex.status();
        InputStream body = ex.body();
        try {
          if (status / 100 == 2 || !authenticated && !RetryPolicy.retryable(status)) {
            try {
              return reader.read(ex);
            } catch (JsonProcessingException e) {
              throw HttpFailures.malformed(ex.request(), ex.headers().firstValue("Content-Type").orElse(null), e);
            } catch (IOException e) {
              failure = "the response body broke off: " + HttpFailures.describe(e);
              cause = e;
            }
          } else if (status == 401 && authenticated && !renewed && authenticator.renew()) {
            renewed = true;
            continue;
          } else if (RetryPolicy.retryable(status)) {
            failure = HttpFailures.describe(status, HttpFailures.bodyStart(body));
            retryAfter = ex.headers().firstValue("Retry-After").orElse(null);
          } else {
            throw HttpFailures.status(ex.request(), status, HttpFailures.bodyStart(body), authenticator);
          }
        } finally {
          drain(body);
        }
        if (!backoff.waitBeforeRetry(retryAfter)) {
          throw HttpFailures.exhausted(request, failure, backoff.gaveUp(), cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.transientError("Interrupted while sending " + request + ".", e);
    }
  }

  /** One attempt, redirects followed; credentials only for the base URL's origin. */
  private Response transport(Request request, boolean authenticated) throws IOException, InterruptedException {
    Request current = request;
    for (int hop = 0; ; hop++) {
      boolean trusted = authenticated && sameOrigin(baseUri, current.uri());
      Request sent = trusted ? authenticator.authenticate(current) : current;
      if (limiter != null) {
        limiter.acquire();
      }
      Response response = open(current, sent);
      int status = response.status();
      Optional<String> location = response.headers().firstValue("Location");
      if (status < 300 || status > 308 || status == 304 || location.isEmpty()) {
        return response;
      }
      drain(response.body());
      if (hop == MAX_REDIRECTS) {
        throw ConnectorException.system(request + " was redirected more than " + MAX_REDIRECTS + " times (last to "
            + RedactedUri.of(current.uri().resolve(location.get())) + ").", null);
      }
      URI next = current.uri().resolve(location.get());
      boolean becomesGet = status == 303 || (status == 301 || status == 302) && current.method().equals("POST");
      current = becomesGet ? new Request("GET", next, current.headers(), null) : current.withUri(next);
    }
  }

  /**
   * Sends {@code sent} (the request with credentials) and waits for its status and headers; the
   * body is left to read, and the response names {@code current} (the request without them). Every
   * wait for the server, for the headers and then between pieces of the body, is bounded by the read
   * timeout.
   */
  private Response open(Request current, Request sent) throws IOException {
    HttpURLConnection c = (HttpURLConnection) sent.uri().toURL().openConnection();
    try {
      c.setRequestMethod(sent.method());
    } catch (ProtocolException e) {
      throw ConnectorException.system(sent + ": the JDK's HTTP client does not send " + sent.method()
          + " requests (GET, POST, PUT, DELETE, HEAD, OPTIONS and TRACE only).", e);
    }
    c.setConnectTimeout(millis(timeouts.connect()));
    c.setReadTimeout(millis(timeouts.read()));
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    // The request's own headers win over the defaults.
    headers.forEach((name, value) -> {
      if (!sent.headers().containsKey(name)) {
        c.setRequestProperty(name, value);
      }
    });
    sent.headers().forEach(c::setRequestProperty);
    if (sent.body() != null) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(sent.body());
      }
    }
    int status = c.getResponseCode();
    if (status < 0) {
      c.disconnect();
      throw new ProtocolException("the answer is not an HTTP response");
    }
    InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
    if (body == null) {
      body = InputStream.nullInputStream();
    }
    long length = c.getContentLengthLong();
    if (length > 0 && !sent.method().equals("HEAD") && status != 204 && status != 304) {
      body = new ContentLengthCheck(body, length);
    }
    return new Response(current, status, headers(c), body);
  }

  /** The response headers, names merged case-insensitively (the status line left out). */
  private static HttpHeaders headers(HttpURLConnection c) {
    Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    c.getHeaderFields().forEach((name, values) -> {
      if (name != null) {
        merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
      }
    });
    return HttpHeaders.of(merged, (name, value) -> true);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  /** Reads a short rest of the body so the connection can carry the next request; then closes it. */
  private static void drain(InputStream body) {
    try (body) {
      long skipped = 0;
      byte[] sink = new byte[8192];
      int n;
      while (skipped < DRAIN_LIMIT && (n = body.read(sink)) >= 0) {
        skipped += n;
      }
    } catch (IOException e) {
      // The connection is closed instead of reused; nothing is lost.
    }
  }

  /** Same scheme, host and port (RFC 6454), the default port spelled or not. */
  static boolean sameOrigin(URI a, URI b) {
    return Objects.toString(a.getScheme(), "").equalsIgnoreCase(Objects.toString(b.getScheme(), ""))
        && Objects.toString(a.getHost(), "").equalsIgnoreCase(Objects.toString(b.getHost(), ""))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** How to reach the API; every setting has a default but the base URL. */
  public static final class Builder {
    private final String base;
    private Authenticator authenticator = Authenticator.none();
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private double perSecond;
    private final Map<String, String> headers = new LinkedHashMap<>(Map.of(
        "Accept", "application/json", "User-Agent", "jcdk-http-source"));
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder(String baseUrl) {
      URI uri;
      try {
        uri = URI.create(baseUrl);
      } catch (IllegalArgumentException e) {
        throw ConnectorException.config("The API URL '" + baseUrl + "' is not a valid URL: " + e.getMessage(), e);
      }
      if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw ConnectorException.config("The API URL '" + RedactedUri.of(uri) + "' must be an http:// or https:// URL"
            + " with a host.");
      }
      this.base = baseUrl;
    }

    public Builder authenticator(Authenticator value) {
      this.authenticator = value;
      return this;
    }

    public Builder retry(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    public Builder timeouts(Timeouts value) {
      this.timeouts = value;
      return this;
    }

    /** At most this many requests a second (every attempt counts); 0 = no limit. */
    public Builder rateLimit(double requestsPerSecond) {
      this.perSecond = requestsPerSecond;
      return this;
    }

    /** A header sent with every request (a request's own header of the same name wins). */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** The clock {@code Retry-After} dates and token expiry are read by (tests fix it). */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** What backoff and the rate limit wait with (tests record the waits instead of sleeping). */
    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    public HttpRequester build() {
      return new HttpRequester(this);
    }
  }
}
