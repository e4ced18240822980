package io.jcdk.http;

import io.jcdk.spec.Secret;
import io.jcdk.spec.Secrets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Adds credentials to each request. The requester calls {@link #authenticate} before every attempt
 * (so an expired token is replaced between retries) and, after a 401, {@link #renew} once.
 *
 * <p>Every credential is a {@link Secret}: its value never appears in a log line, a TRACE message or
 * an exception message. An authenticator that derives another form of a credential (base64, a
 * signature, a fetched token) passes it to {@link Secrets#learn} before using it.
 *
 * <p>Implementations are thread-safe.
 */
public interface Authenticator {

  /** {@code request} with the credentials added. */
  Request authenticate(Request request);

  /**
   * Called after a 401: forget what may have expired and say whether a new attempt could succeed
   * (OAuth fetches a new token; a fixed key cannot change, so the default is false).
   */
  default boolean renew() {
    return false;
  }

  /** The config fields that hold the credentials, named in the config_error a 401 or 403 becomes. */
  List<String> fields();

  /** No credentials. */
  static Authenticator none() {
    return new HeaderCredential(null, null, List.of());
  }

  /** {@code Authorization: Bearer <token>}. */
  static Authenticator bearer(Secret token) {
    return new HeaderCredential("Authorization", "Bearer " + token.value(), List.of(token.field()));
  }

  /** The key in a header of its own, e.g. {@code X-Api-Key: <key>}. */
  static Authenticator apiKeyHeader(String header, Secret key) {
    return new HeaderCredential(header, key.value(), List.of(key.field()));
  }

  /** The key as a query parameter, e.g. {@code ?api_key=<key>} (its URL-encoded form is masked too). */
  static Authenticator apiKeyQuery(String parameter, Secret key) {
    Secrets.learn(Request.encode(key.value()));
    return new QueryCredential(parameter, key);
  }

  /** {@code Authorization: Basic base64(user:password)} (RFC 7617; the encoded form is masked too). */
  static Authenticator basic(String username, Secret password) {
    String encoded = Base64.getEncoder().encodeToString((username + ":" + password.value()).getBytes(StandardCharsets.UTF_8));
    Secrets.learn(encoded);
    return new HeaderCredential("Authorization", "Basic " + encoded, List.of(password.field()));
  }

  /** OAuth 2.0 client credentials grant (RFC 6749 §4.4): a token for the client itself. */
  static OAuth2Authenticator oauthClientCredentials(URI tokenUrl, Secret clientId, Secret clientSecret) {
    return OAuth2Authenticator.clientCredentials(tokenUrl, clientId, clientSecret);
  }

  /** OAuth 2.0 refresh token grant (RFC 6749 §6): access tokens from a long-lived refresh token. */
  static OAuth2Authenticator oauthRefreshToken(URI tokenUrl, Secret clientId, Secret clientSecret, Secret refreshToken) {
    return OAuth2Authenticator.refreshToken(tokenUrl, clientId, clientSecret, refreshToken);
  }
}
