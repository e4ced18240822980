package ${package};

import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import java.util.Optional;

/**
 * The one place where the client's errors become what the platform acts on: config errors (the
 * user must change something; {@code check} reports them as FAILED), transient errors (a retry may
 * work) and system errors (a defect). The connector's own code never catches an error to classify it.
 */
final class ${connectorClass}ErrorClassifier implements ErrorClassifier {

  @Override
  public Optional<ConnectorException> classify(Throwable error) {
    // TODO(connector): recognize the exceptions of your client library here
    if (error instanceof ${connectorClass}Client.ApiException api) {
      return Optional.of(switch (api.status()) {
        case 401, 403 -> ConnectorException.config(
            "${connectorTitle} refused the API key (HTTP " + api.status() + "): check the field 'api_key'.", api);
        case 429, 500, 502, 503, 504 -> ConnectorException.transientError(
            "${connectorTitle} is unavailable for now (HTTP " + api.status() + "); the next attempt may succeed.", api);
        default -> ConnectorException.system("${connectorTitle} answered " + api.getMessage(), api);
      });
    }
    return Optional.empty();
  }
}
