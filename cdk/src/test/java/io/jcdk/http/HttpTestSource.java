package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.source.ReadContext;
import io.jcdk.source.Source;
import io.jcdk.spec.Secret;
import io.jcdk.spec.Specs;
import java.net.URI;
import java.time.Duration;

/**
 * A source on the http package for the kit's own CLI tests: the stream "users" of {@link UsersApi},
 * authenticated with OAuth (refresh token) when the config has a token URL, else with an API key in
 * the query.
 */
public final class HttpTestSource implements Source<HttpTestSource.Config> {

  static final HttpStreams STREAMS = HttpStreams.of(UsersApi.stream());

  public record Config(String baseUrl, Secret apiKey, String tokenUrl, Secret clientId, Secret clientSecret,
      Secret refreshToken) {

    static Config parse(JsonNode c) {
      return new Config(c.get("base_url").asText(), secret(c, "api_key"), c.path("token_url").asText(null),
          secret(c, "client_id"), secret(c, "client_secret"), secret(c, "refresh_token"));
    }

    private static Secret secret(JsonNode c, String field) {
      return c.hasNonNull(field) ? Secret.of(field, c.get(field).asText()) : null;
    }
  }

  public static void main(String[] args) {
    System.exit(ConnectorCli.forSource(new HttpTestSource()).run(args));
  }

  static HttpRequester requester(Config config) {
    Authenticator auth = config.tokenUrl() != null
        ? Authenticator.oauthRefreshToken(URI.create(config.tokenUrl()), config.clientId(), config.clientSecret(),
            config.refreshToken())
        : Authenticator.apiKeyQuery("api_key", config.apiKey());
    return HttpRequester.builder(config.baseUrl()).authenticator(auth)
        .retry(RetryPolicy.DEFAULT.withBaseDelay(Duration.ofMillis(5))).build();
  }

  @Override
  public ConnectorSpecification spec() {
    return Specs.fromResource(HttpTestSource.class, "/http-test-source-spec.json");
  }

  @Override
  public Config parseConfig(JsonNode config) {
    return Config.parse(config);
  }

  @Override
  public AirbyteConnectionStatus check(Config config) {
    HttpRequester api = requester(config);
    api.json(api.get("/users"));
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public AirbyteCatalog discover(Config config) {
    return STREAMS.catalog();
  }

  @Override
  public void read(Config config, ReadContext context) {
    STREAMS.read(requester(config), context);
  }
}
