package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.spec.Secret;
import io.jcdk.spec.Secrets;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OAuth 2.0 (RFC 6749): fetches an access token from the token endpoint, sends it as {@code
 * Authorization: Bearer}, and fetches a new one shortly before it expires or after a 401.
 *
 * <p>Tokens live in memory only and are masked in all output from the moment they arrive (see
 * {@link Secrets#learn}), as is a refresh token the endpoint rotates; the rotated one is used for
 * the rest of the run (it is not written back to the config).
 *
 * <p>The token endpoint's answer 400 or 401 (RFC 6749 §5.2: {@code invalid_client}, {@code
 * invalid_grant}, …) is a config_error naming the credential fields; its 429 and 5xx are retried
 * like any request.
 */
public final class OAuth2Authenticator implements Authenticator {

  /** A token is replaced this long before it expires, so a request never carries one that expires on the way. */
  private static final Duration EARLY = Duration.ofSeconds(60);

  private enum Grant { CLIENT_CREDENTIALS, REFRESH_TOKEN }

  private final URI tokenUrl;
  private final Grant grant;
  private final Secret clientId;
  private final Secret clientSecret;
  private final Secret refreshToken;
  private final String scope;
  private final boolean credentialsInHeader;
  private final HttpRequester endpoint;

  private String accessToken;
  private Instant expiresAt;
  private String currentRefreshToken;

  private OAuth2Authenticator(URI tokenUrl, Grant grant, Secret clientId, Secret clientSecret, Secret refreshToken,
      String scope, boolean credentialsInHeader, HttpRequester endpoint) {
    this.tokenUrl = tokenUrl;
    this.grant = grant;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshToken = refreshToken;
    this.scope = scope;
    this.credentialsInHeader = credentialsInHeader;
    this.endpoint = endpoint != null ? endpoint : HttpRequester.builder(tokenUrl.toString()).build();
    this.currentRefreshToken = refreshToken == null ? null : refreshToken.value();
  }

  static OAuth2Authenticator clientCredentials(URI tokenUrl, Secret clientId, Secret clientSecret) {
    return new OAuth2Authenticator(tokenUrl, Grant.CLIENT_CREDENTIALS, clientId, clientSecret, null, null, false, null);
  }

  static OAuth2Authenticator refreshToken(URI tokenUrl, Secret clientId, Secret clientSecret, Secret refreshToken) {
    return new OAuth2Authenticator(tokenUrl, Grant.REFRESH_TOKEN, clientId, clientSecret, refreshToken, null, false, null);
  }

  /** Asks for these scopes (space-separated, as the provider names them). */
  public OAuth2Authenticator withScope(String scopes) {
    return new OAuth2Authenticator(tokenUrl, grant, clientId, clientSecret, refreshToken, scopes, credentialsInHeader, endpoint);
  }

  /** Sends the client id and secret as HTTP Basic credentials instead of in the form (RFC 6749 §2.3.1). */
  public OAuth2Authenticator withCredentialsInHeader() {
    return new OAuth2Authenticator(tokenUrl, grant, clientId, clientSecret, refreshToken, scope, true, endpoint);
  }

  /** Reaches the token endpoint through this requester (its timeouts, retries, clock) instead of a default one. */
  public OAuth2Authenticator withTokenRequester(HttpRequester requester) {
    return new OAuth2Authenticator(tokenUrl, grant, clientId, clientSecret, refreshToken, scope, credentialsInHeader,
        requester);
  }

  @Override
  public synchronized Request authenticate(Request request) {
    if (accessToken == null || expiresAt != null && !endpoint.clock().instant().isBefore(expiresAt.minus(EARLY))) {
      fetch();
    }
    return request.withHeader("Authorization", "Bearer " + accessToken);
  }

  /** A 401 with a token the endpoint gave us: the token may have been revoked early; fetch another. */
  @Override
  public synchronized boolean renew() {
    accessToken = null;
    return true;
  }

  @Override
  public List<String> fields() {
    List<String> fields = new ArrayList<>(List.of(clientId.field(), clientSecret.field()));
    if (refreshToken != null) {
      fields.add(refreshToken.field());
    }
    return fields;
  }

  private void fetch() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", grant == Grant.CLIENT_CREDENTIALS ? "client_credentials" : "refresh_token");
    if (grant == Grant.REFRESH_TOKEN) {
      form.put("refresh_token", currentRefreshToken);
    }
    if (scope != null) {
      form.put("scope", scope);
    }
    if (!credentialsInHeader) {
      form.put("client_id", clientId.value());
      form.put("client_secret", clientSecret.value());
    }
    Request request = Request.postForm(tokenUrl, form);
    if (credentialsInHeader) {
      String basic = Base64.getEncoder().encodeToString((Request.encode(clientId.value()) + ":"
          + Request.encode(clientSecret.value())).getBytes(StandardCharsets.UTF_8));
      Secrets.learn(basic);
      request = request.withHeader("Authorization", "Basic " + basic);
    }
    Instant asked = endpoint.clock().instant();
    JsonNode answer = endpoint.exchange(request, response -> {
      if (response.status() / 100 == 2) {
        return HttpRequester.readTree(response);
      }
      throw refused(response.status(), readQuietly(response));
    });
    String token = answer.path("access_token").asText("");
    if (token.isEmpty()) {
      throw ConnectorException.system("The token endpoint " + RedactedUri.of(tokenUrl) + " answered without an"
          + " access_token (fields: " + fieldNames(answer) + ").", null);
    }
    Secrets.learn(token);
    accessToken = token;
    long seconds = answer.path("expires_in").asLong(0);
    expiresAt = seconds > 0 ? asked.plusSeconds(seconds) : null;
    String rotated = answer.path("refresh_token").asText("");
    if (!rotated.isEmpty()) {
      Secrets.learn(rotated);
      currentRefreshToken = rotated;
    }
  }

  private ConnectorException refused(int status, JsonNode body) {
    String error = body == null ? "" : body.path("error").asText("");
    String description = body == null ? "" : body.path("error_description").asText("");
    String said = error.isEmpty() ? "" : " (" + error + (description.isEmpty() ? "" : ": " + description) + ")";
    String message = "The token endpoint " + RedactedUri.of(tokenUrl) + " refused the credentials: HTTP " + status
        + HttpFailures.reason(status) + said + ". Check the config fields "
        + String.join(", ", fields().stream().map(f -> "'" + f + "'").toList())
        + (grant == Grant.REFRESH_TOKEN ? "; a refresh token that was revoked or expired must be replaced." : ".");
    return status == 400 || status == 401 || status == 403
        ? ConnectorException.config(message)
        : ConnectorException.system(message, null);
  }

  private static JsonNode readQuietly(Response response) {
    try {
      return HttpRequester.readTree(response);
    } catch (IOException e) {
      return null;
    }
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  /** Never a token or a credential. */
  @Override
  public String toString() {
    return "OAuth 2.0 " + grant.name().toLowerCase() + " at " + RedactedUri.of(tokenUrl);
  }
}
