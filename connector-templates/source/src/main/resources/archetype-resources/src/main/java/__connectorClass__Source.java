package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.source.ReadContext;
import io.jcdk.source.Source;
import io.jcdk.spec.Specs;
import java.util.List;

/**
 * Reads ${connectorTitle}: the stream {@code items}, in full refresh or incrementally by its
 * {@code updated_at}. The kit does the protocol around it: config validation, stream status,
 * checkpoints and states, errors (see {@link Source} for the whole contract).
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

  /** Wrong credentials throw; the error classifier makes them a FAILED status naming the field. */
  @Override
  public AirbyteConnectionStatus check(${connectorClass}Config config) {
    try (${connectorClass}Client client = ${connectorClass}Client.connect(config)) {
      client.checkCredentials();
    }
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public AirbyteCatalog discover(${connectorClass}Config config) {
    return AirbyteCatalog.of(List.of(ItemsStream.describe()));
  }

  @Override
  public void read(${connectorClass}Config config, ReadContext context) {
    for (ConfiguredAirbyteStream stream : context.catalog().streams()) {
      if (!stream.stream().name().equals(ItemsStream.NAME)) {
        throw ConnectorException.config("The catalog names the stream '" + stream.descriptor()
            + "', which this source does not have (it has '" + ItemsStream.NAME + "'); refresh the catalog.");
      }
    }
    try (${connectorClass}Client client = ${connectorClass}Client.connect(config)) {
      context.readStreams((stream, priorState, emitter) -> ItemsStream.read(client, config, stream, priorState, emitter));
    }
  }
}
