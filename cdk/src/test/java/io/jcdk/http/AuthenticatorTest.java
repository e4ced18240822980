package io.jcdk.http;

import static io.jcdk.http.TestApi.json;
import static io.jcdk.http.TestApi.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.Json;
import io.jcdk.spec.Secret;
import io.jcdk.spec.Secrets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private static final Secret CLIENT_ID = Secret.of("client_id", "client-7");
  private static final Secret CLIENT_SECRET = Secret.of("client_secret", "cs_9f8e7d6c");
  private static final Secret REFRESH = Secret.of("refresh_token", "rt_first_0a1b2c");

  private final TestApi api = TestApi.start();

  @AfterEach
  void stop() {
    api.close();
  }

  private String seenAuthorization(Authenticator auth) {
    api.route("/me", (ex, r) -> json(ex, "{}"));
    HttpRequester http = HttpRequester.builder(api.url()).authenticator(auth).build();
    http.json(http.get("/me"));
    return api.seen("/me").get(api.seen("/me").size() - 1).header("Authorization");
  }

  @Test
  void bearerSendsTheTokenInTheAuthorizationHeader() {
    assertThat(seenAuthorization(Authenticator.bearer(Secret.of("api_token", "t-1")))).isEqualTo("Bearer t-1");
  }

  @Test
  void basicSendsUserAndPasswordBase64EncodedAndMasksTheEncodedForm() {
    String header = seenAuthorization(Authenticator.basic("ann", Secret.of("password", "pä ss")));
    String encoded = Base64.getEncoder().encodeToString("ann:pä ss".getBytes(StandardCharsets.UTF_8));
    assertThat(header).isEqualTo("Basic " + encoded);
    assertThat(Secrets.of(Json.object(), Json.object()).apply("h " + encoded))
        .isEqualTo("h " + Secrets.MASK);
  }

  @Test
  void anApiKeyGoesInItsHeaderOrItsQueryParameter() {
    api.route("/me", (ex, r) -> json(ex, "{}"));
    Secret key = Secret.of("api_key", "k/1+2 3");
    HttpRequester inHeader = HttpRequester.builder(api.url()).authenticator(Authenticator.apiKeyHeader("X-Api-Key", key)).build();
    HttpRequester inQuery = HttpRequester.builder(api.url()).authenticator(Authenticator.apiKeyQuery("api_key", key)).build();

    inHeader.json(inHeader.get("/me"));
    inQuery.json(inQuery.get("/me").withQuery("page", "1"));

    assertThat(api.seen("/me").get(0).header("X-Api-Key")).isEqualTo("k/1+2 3");
    assertThat(api.seen("/me").get(1).query()).isEqualTo("page=1&api_key=k%2F1%2B2%203");
    assertThat(Secrets.of(Json.object(), Json.object()).apply("?api_key=k%2F1%2B2%203"))
        .isEqualTo("?api_key=" + Secrets.MASK);
  }

  @Test
  void clientCredentialsFetchesATokenOnceAndSendsItAsBearer() {
    AtomicInteger issued = new AtomicInteger();
    api.route("/oauth/token", (ex, r) -> json(ex, "{\"access_token\":\"at-" + issued.incrementAndGet()
        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
    api.route("/me", (ex, r) -> json(ex, "{}"));
    Authenticator oauth = Authenticator.oauthClientCredentials(URI.create(api.url() + "/oauth/token"), CLIENT_ID,
        CLIENT_SECRET).withScope("users:read");
    HttpRequester http = HttpRequester.builder(api.url()).authenticator(oauth).build();

    http.json(http.get("/me"));
    http.json(http.get("/me"));

    assertThat(api.seen("/oauth/token")).singleElement().satisfies(t -> {
      assertThat(t.method()).isEqualTo("POST");
      assertThat(t.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
      assertThat(t.body()).isEqualTo("grant_type=client_credentials&scope=users%3Aread&client_id=client-7"
          + "&client_secret=cs_9f8e7d6c");
    });
    assertThat(api.seen("/me")).allSatisfy(s -> assertThat(s.header("Authorization")).isEqualTo("Bearer at-1"));
    assertThat(Secrets.of(Json.object(), Json.object()).apply("token at-1 used"))
        .isEqualTo("token " + Secrets.MASK + " used");
  }

  @Test
  void aRefreshTokenGrantRefreshesOnceAfterA401AndRetries() {
    AtomicInteger issued = new AtomicInteger();
    api.route("/oauth/token", (ex, r) -> json(ex, "{\"access_token\":\"at-r" + issued.incrementAndGet()
        + "\",\"expires_in\":3600,\"refresh_token\":\"rt_rotated_" + issued.get() + "\"}"));
    api.route("/me", (ex, r) -> {
      // The first token was revoked on the server before it expired.
      if ("Bearer at-r1".equals(r.header("Authorization"))) {
        respond(ex, 401, "{\"error\":\"token revoked\"}");
      } else {
        json(ex, "{\"me\":1}");
      }
    });
    Authenticator oauth = Authenticator.oauthRefreshToken(URI.create(api.url() + "/oauth/token"), CLIENT_ID,
        CLIENT_SECRET, REFRESH).withCredentialsInHeader();
    HttpRequester http = HttpRequester.builder(api.url()).authenticator(oauth).build();

    assertThat(http.json(http.get("/me")).path("me").asInt()).isEqualTo(1);

    assertThat(api.seen("/oauth/token")).hasSize(2);
    assertThat(api.seen("/oauth/token").get(0).body()).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH.value());
    // The endpoint rotated the refresh token: the second refresh uses the new one.
    assertThat(api.seen("/oauth/token").get(1).body()).isEqualTo("grant_type=refresh_token&refresh_token=rt_rotated_1");
    assertThat(api.seen("/oauth/token").get(0).header("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("client-7:cs_9f8e7d6c".getBytes(StandardCharsets.UTF_8)));
    assertThat(api.seen("/me")).extracting(s -> s.header("Authorization")).containsExactly("Bearer at-r1", "Bearer at-r2");
  }

  @Test
  void a401AfterTheRefreshIsAConfigErrorNamingTheOAuthFields() {
    api.route("/oauth/token", (ex, r) -> json(ex, "{\"access_token\":\"at-x\"}"));
    api.route("/me", (ex, r) -> respond(ex, 401, "{\"error\":\"invalid token\"}"));
    HttpRequester http = HttpRequester.builder(api.url()).authenticator(Authenticator.oauthRefreshToken(
        URI.create(api.url() + "/oauth/token"), CLIENT_ID, CLIENT_SECRET, REFRESH)).build();

    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> http.json(http.get("/me")));
    assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(e.getMessage()).contains("HTTP 401").contains("'client_id', 'client_secret', 'refresh_token'");
    assertThat(api.seen("/me")).hasSize(2);
    assertThat(api.seen("/oauth/token")).hasSize(2);
  }

  @Test
  void aTokenEndpointThatRefusesTheGrantIsAConfigError() {
    api.route("/oauth/token", (ex, r) -> respond(ex, 400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"));
    HttpRequester http = HttpRequester.builder(api.url()).authenticator(Authenticator.oauthRefreshToken(
        URI.create(api.url() + "/oauth/token"), CLIENT_ID, CLIENT_SECRET, REFRESH)).build();

    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> http.json(http.get("/me")));
    assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(e.getMessage()).contains("token endpoint").contains("HTTP 400")
        .contains("invalid_grant: Token has been expired or revoked.").contains("'refresh_token'")
        .doesNotContain(REFRESH.value()).doesNotContain(CLIENT_SECRET.value());
    assertThat(api.seen("/me")).isEmpty();
  }

  @Test
  void aTokenIsReplacedShortlyBeforeItExpires() {
    AtomicInteger issued = new AtomicInteger();
    api.route("/oauth/token", (ex, r) -> json(ex, "{\"access_token\":\"at-e" + issued.incrementAndGet()
        + "\",\"expires_in\":600}"));
    api.route("/me", (ex, r) -> json(ex, "{}"));
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T12:00:00Z"));
    Clock clock = new Clock() {
      @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
      @Override public Clock withZone(ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    HttpRequester tokens = HttpRequester.builder(api.url()).clock(clock).build();
    HttpRequester http = HttpRequester.builder(api.url()).authenticator(Authenticator.oauthClientCredentials(
        URI.create(api.url() + "/oauth/token"), CLIENT_ID, CLIENT_SECRET).withTokenRequester(tokens)).build();

    http.json(http.get("/me"));
    now.set(now.get().plus(Duration.ofSeconds(500)));
    http.json(http.get("/me"));
    now.set(now.get().plus(Duration.ofSeconds(50)));
    http.json(http.get("/me"));

    assertThat(api.seen("/me")).extracting(s -> s.header("Authorization"))
        .containsExactly("Bearer at-e1", "Bearer at-e1", "Bearer at-e2");
  }

  @Test
  void authenticatorsNeverPrintTheirCredentials() {
    Secret token = Secret.of("api_token", "tok-never-printed");
    for (Authenticator a : new Authenticator[] {Authenticator.bearer(token), Authenticator.apiKeyHeader("X-Key", token),
        Authenticator.apiKeyQuery("key", token), Authenticator.basic("u", token),
        Authenticator.oauthRefreshToken(URI.create("https://auth.example.com/token"), token, token, token)}) {
      assertThat(a.toString()).doesNotContain(token.value());
    }
  }
}
