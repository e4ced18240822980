package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.source.ReadContext;
import io.jcdk.source.Source;
import io.jcdk.spec.Specs;

/**
 * Reads ${connectorTitle}'s HTTP API. The streams are declared in {@link ${connectorClass}Streams};
 * the kit does the rest: requests, retries, pagination, records, states and errors (see
 * {@link Source} for the whole contract).
 */
public final class ${connectorClass}Source implements Source<${connectorClass}Config> {

  @Override
  public ConnectorSpecification spec() {
    return Specs.fromResource(${connectorClass}Source.class, "/spec.json");
  }

  @Override
  public ${connectorClass}Config parseConfig(JsonNode config) {
    return ${connectorClass}Config.parse(config);
  }

  /** Wrong credentials make the call fail with 401 or 403: a FAILED status naming 'api_token'. */
  @Override
  public AirbyteConnectionStatus check(${connectorClass}Config config) {
    ${connectorClass}Client.checkCredentials(${connectorClass}Client.requester(config));
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public AirbyteCatalog discover(${connectorClass}Config config) {
    return ${connectorClass}Streams.of(config).catalog();
  }

  @Override
  public void read(${connectorClass}Config config, ReadContext context) {
    ${connectorClass}Streams.of(config).read(${connectorClass}Client.requester(config), context);
  }
}
