package io.jcdk.http;

import static io.jcdk.http.TestApi.json;
import static io.jcdk.http.TestApi.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.spec.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRequesterTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Secret TOKEN = Secret.of("api_token", "tok_live_4f9a2c");

  private final TestApi api = TestApi.start();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    api.close();
  }

  private HttpRequester.Builder requester() {
    return HttpRequester.builder(api.url())
        .retry(RetryPolicy.DEFAULT.withBaseDelay(Duration.ofMillis(1)))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .sleeper(waits::add);
  }

  private static ConnectorException failure(Runnable call) {
    return catchThrowableOfType(ConnectorException.class, call::run);
  }

  @Test
  void a503ThenSuccessIsRetriedAfterABackoff() {
    AtomicInteger calls = new AtomicInteger();
    api.route("/users", (ex, r) -> {
      if (calls.incrementAndGet() == 1) {
        respond(ex, 503, "{\"error\":\"overloaded\"}");
      } else {
        json(ex, "{\"ok\":true}");
      }
    });
    HttpRequester http = requester().build();

    assertThat(http.json(http.get("/users")).path("ok").asBoolean()).isTrue();
    assertThat(calls).hasValue(2);
    assertThat(waits).singleElement().satisfies(w -> assertThat(w).isBetween(Duration.ZERO, Duration.ofMillis(1)));
  }

  @Test
  void a429WaitsTheSecondsRetryAfterAsksFor() {
    AtomicInteger calls = new AtomicInteger();
    api.route("/users", (ex, r) -> {
      if (calls.incrementAndGet() == 1) {
        respond(ex, 429, "{\"error\":\"slow down\"}", "Retry-After", "7");
      } else {
        json(ex, "[]");
      }
    });
    HttpRequester http = requester().build();

    http.json(http.get("/users"));
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void a429WaitsUntilTheHttpDateRetryAfterNames() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(12), ZoneOffset.UTC));
    AtomicInteger calls = new AtomicInteger();
    api.route("/users", (ex, r) -> {
      if (calls.incrementAndGet() == 1) {
        respond(ex, 429, "", "Retry-After", date);
      } else {
        json(ex, "[]");
      }
    });
    HttpRequester http = requester().build();

    http.json(http.get("/users"));
    assertThat(waits).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void aRetryAfterPastTheBudgetFailsAtOnceAsTransient() {
    api.route("/users", (ex, r) -> respond(ex, 429, "{\"error\":\"quota\"}", "Retry-After", "3600"));
    HttpRequester http = requester().retry(RetryPolicy.DEFAULT.withMaxTotalWait(Duration.ofMinutes(5))).build();

    ConnectorException e = failure(() -> http.json(http.get("/users")));
    assertThat(e.failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(e.getMessage()).contains("GET " + api.url() + "/users").contains("Retry-After: 3600")
        .contains("retry budget of 300 s").contains("HTTP 429 Too Many Requests").contains("quota");
    assertThat(waits).isEmpty();
    assertThat(api.seen("/users")).hasSize(1);
  }

  @Test
  void a5xxThatPersistsIsTransientAfterTheLastAttempt() {
    api.route("/users", (ex, r) -> respond(ex, 502, "upstream down"));
    HttpRequester http = requester().retry(RetryPolicy.DEFAULT.withBaseDelay(Duration.ofMillis(1)).withMaxAttempts(4)).build();

    ConnectorException e = failure(() -> http.json(http.get("/users")));
    assertThat(e.failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(e.getMessage()).contains("failed after 4 attempts").contains("HTTP 502 Bad Gateway: upstream down");
    assertThat(api.seen("/users")).hasSize(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void backoffDoublesWithJitterInItsUpperHalfAndStopsAtTheMaximum() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10));
    assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.backoff(1, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.backoff(9, 0.0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.backoff(70, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void a401IsAConfigErrorNamingTheCredentialFieldAndNeverTheToken() {
    api.route("/users", (ex, r) -> respond(ex, 401, "{\"message\":\"Bad credentials\"}"));
    HttpRequester http = requester().authenticator(Authenticator.bearer(TOKEN)).build();

    ConnectorException e = failure(() -> http.json(http.get("/users")));
    assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(e.getMessage()).contains("HTTP 401 Unauthorized").contains("'api_token'").contains("Bad credentials")
        .doesNotContain(TOKEN.value());
    assertThat(api.seen("/users")).singleElement().satisfies(s ->
        assertThat(s.header("Authorization")).isEqualTo("Bearer " + TOKEN.value()));
  }

  @Test
  void a403IsAConfigErrorAboutPermissions() {
    api.route("/admin", (ex, r) -> respond(ex, 403, "{\"message\":\"scope users:read missing\"}"));
    HttpRequester http = requester().authenticator(Authenticator.apiKeyHeader("X-Api-Key", TOKEN)).build();

    ConnectorException e = failure(() -> http.json(http.get("/admin")));
    assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(e.getMessage()).contains("HTTP 403 Forbidden").contains("permission").contains("'api_token'")
        .contains("scope users:read missing");
  }

  @Test
  void anOther4xxIsASystemErrorWithTheUrlMinusSecretsAndTheBodyStart() {
    String body = "x".repeat(500) + "TAIL-NOT-SHOWN";
    api.route("/users", (ex, r) -> respond(ex, 404, body));
    HttpRequester http = requester().authenticator(Authenticator.apiKeyQuery("api_key", TOKEN)).build();

    ConnectorException e = failure(() -> http.json(http.get("/users").withQuery("page", "2")));
    assertThat(e.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
    // The request as the stream built it: the authenticator's parameter is not part of it.
    assertThat(e.getMessage()).contains("HTTP 404 Not Found from GET " + api.url() + "/users?page=2:")
        .contains("x".repeat(500)).doesNotContain("TAIL").doesNotContain(TOKEN.value());
    assertThat(api.seen("/users").get(0).query()).contains("api_key=" + TOKEN.value());
  }

  @Test
  void aResponseThatDoesNotArriveInTimeIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    api.route("/slow", (ex, r) -> {
      if (calls.incrementAndGet() == 1) {
        release.await(30, TimeUnit.SECONDS);
      }
      json(ex, "{\"ok\":true}");
    });
    HttpRequester http = requester().timeouts(Timeouts.of(Duration.ofMillis(300))).build();

    assertThat(http.json(http.get("/slow")).path("ok").asBoolean()).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void aServerThatNeverAnswersIsATransientTimeoutError() {
    api.route("/slow", (ex, r) -> release.await(30, TimeUnit.SECONDS));
    HttpRequester http = requester().timeouts(Timeouts.of(Duration.ofMillis(200)))
        .retry(RetryPolicy.DEFAULT.withMaxAttempts(2)).build();

    ConnectorException e = failure(() -> http.json(http.get("/slow")));
    assertThat(e.failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(e.getMessage()).contains("GET " + api.url() + "/slow").contains("failed after 2 attempts").contains("timed out");
  }

  @Test
  void aRefusedConnectionIsRetriedThenTransient() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    HttpRequester http = HttpRequester.builder("http://127.0.0.1:" + closedPort)
        .retry(RetryPolicy.DEFAULT.withMaxAttempts(3)).sleeper(waits::add).build();

    ConnectorException e = failure(() -> http.json(http.get("/users")));
    assertThat(e.failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(e.getMessage()).contains("failed after 3 attempts").contains("ConnectException");
    assertThat(waits).hasSize(2);
  }

  @Test
  void aHostThatDoesNotResolveIsAConfigErrorAfterTheRetries() {
    HttpRequester http = HttpRequester.builder("http://no-such-host.invalid/v1")
        .retry(RetryPolicy.DEFAULT.withMaxAttempts(2)).sleeper(waits::add).build();

    ConnectorException e = failure(() -> http.json(http.get("/users")));
    assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(e.getMessage()).contains("GET http://no-such-host.invalid/v1/users").contains("does not resolve")
        .contains("check the API's URL");
    assertThat(waits).hasSize(1);
  }

  @Test
  void httpsToAServerThatSpeaksPlainHttpIsAConfigErrorAtOnce() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Answers every connection in plain HTTP and reads until the client hangs up: a socket closed with
      // unread input (a ClientHello can pass 1 KB) is reset, and the client may lose the answer with it.
      Thread server = new Thread(() -> {
        while (true) {
          try (Socket s = plain.accept()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().transferTo(OutputStream.nullOutputStream());
          } catch (IOException e) {
            if (plain.isClosed()) {
              return;
            }
          }
        }
      });
      server.setDaemon(true);
      server.start();
      HttpRequester http = HttpRequester.builder("https://127.0.0.1:" + plain.getLocalPort()).sleeper(waits::add).build();

      ConnectorException e = failure(() -> http.json(http.get("/users")));
      assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
      assertThat(e.getMessage()).contains("The TLS handshake for GET https://127.0.0.1:")
          .contains("the server answered in plain text, not TLS");
      assertThat(waits).isEmpty();
    }
  }

  @Test
  void theRateLimitSpacesRequestsEvenly() {
    api.route("/users", (ex, r) -> json(ex, "[]"));
    HttpRequester http = requester().rateLimit(4).build();

    for (int i = 0; i < 4; i++) {
      http.json(http.get("/users"));
    }
    // A fixed clock: the first request goes at once, each later one waits a quarter second more.
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750));
  }

  @Test
  void credentialsAreNotSentToAnotherHostARedirectPointsTo() {
    try (TestApi elsewhere = TestApi.start()) {
      elsewhere.route("/files", (ex, r) -> json(ex, "{\"file\":1}"));
      api.route("/export", (ex, r) -> respond(ex, 302, "", "Location", elsewhere.url() + "/files?id=1"));
      api.route("/moved", (ex, r) -> respond(ex, 301, "", "Location", "/users"));
      api.route("/users", (ex, r) -> json(ex, "{\"users\":1}"));
      HttpRequester http = requester().authenticator(Authenticator.bearer(TOKEN)).build();

      assertThat(http.json(http.get("/export")).path("file").asInt()).isEqualTo(1);
      assertThat(http.json(http.get("/moved")).path("users").asInt()).isEqualTo(1);
      assertThat(elsewhere.seen("/files")).singleElement().satisfies(s -> assertThat(s.header("Authorization")).isNull());
      assertThat(api.seen("/users")).singleElement().satisfies(s ->
          assertThat(s.header("Authorization")).isEqualTo("Bearer " + TOKEN.value()));
    }
  }

  @Test
  void urlsInMessagesMaskCredentialLookingParametersAndUserinfo() {
    Request r = Request.get(URI.create(
        "https://bob:pw@api.example.com/v1/users?page=2&api_key=k1&access_token=t2&sig=s3&author=ann&zip_code=1"));
    assertThat(r.toString()).isEqualTo("GET https://api.example.com/v1/users?page=2&api_key=**********"
        + "&access_token=**********&sig=**********&author=ann&zip_code=1");
  }

  @Test
  void aBaseUrlThatIsNotHttpIsAConfigError() {
    ConnectorException e = failure(() -> HttpRequester.builder("ftp://example.com").build());
    assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(e.getMessage()).contains("ftp://example.com").contains("http:// or https://");
  }

  @Test
  void pathsResolveUnderTheBaseUrlsPath() {
    HttpRequester http = HttpRequester.builder("https://api.example.com/v2/").build();
    assertThat(http.resolve("/users")).hasToString("https://api.example.com/v2/users");
    assertThat(http.resolve("users")).hasToString("https://api.example.com/v2/users");
    assertThat(http.resolve("https://cdn.example.com/x")).hasToString("https://cdn.example.com/x");
  }

  @Test
  void aMethodTheTransportCannotSendIsASystemErrorAtOnce() {
    api.route("/users", (ex, r) -> json(ex, "{}"));
    HttpRequester http = requester().build();
    Request patch = new Request("PATCH", http.resolve("/users"), java.util.Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

    ConnectorException e = failure(() -> http.json(patch));
    assertThat(e.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
    assertThat(e.getMessage()).contains("PATCH " + api.url() + "/users").contains("does not send PATCH requests");
    assertThat(waits).isEmpty();
    assertThat(api.seen("/users")).isEmpty();
  }

  @Test
  void aHeaderRepeatedInAnotherCaseIsOneHeader() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try (Socket s = raw.accept()) {
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-total-count: 3\r\n"
              + "X-Total-Count: 4\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the test fails on the client's side
        }
      });
      server.setDaemon(true);
      server.start();
      HttpRequester http = HttpRequester.builder("http://127.0.0.1:" + raw.getLocalPort()).sleeper(waits::add).build();

      List<String> counts = http.send(http.get("/users"), response -> response.headers().allValues("x-total-count"));
      assertThat(counts).containsExactlyInAnyOrder("3", "4");
    }
  }
}
