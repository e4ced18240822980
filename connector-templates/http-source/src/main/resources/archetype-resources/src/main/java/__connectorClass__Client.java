package ${package};

import io.jcdk.http.Authenticator;
import io.jcdk.http.HttpRequester;

/**
 * The only class that knows how to reach ${connectorTitle}: its base URL and authentication. The
 * requester retries connection errors, 429 and 5xx with backoff (honouring Retry-After), and turns
 * every other failure into an error the user can act on (401/403: check the field 'api_token').
 */
final class ${connectorClass}Client {

  private ${connectorClass}Client() {}

  static HttpRequester requester(${connectorClass}Config config) {
    // TODO(connector): the API's authentication (bearer, API key, basic, OAuth 2.0) and, if it asks for one, a rate limit
    return HttpRequester.builder(config.baseUrl())
        .authenticator(Authenticator.bearer(config.apiToken()))
        .build();
  }

  /** The cheapest call that needs the credentials. */
  static void checkCredentials(HttpRequester api) {
    // TODO(connector): the API's cheapest authenticated call (e.g. GET /me)
    api.json(api.get("/me"));
  }
}
