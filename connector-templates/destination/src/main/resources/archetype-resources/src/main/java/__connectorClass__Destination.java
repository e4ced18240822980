package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.destination.Loader;
import io.jcdk.destination.ReadableDestination;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.RawJson;
import io.jcdk.spec.Specs;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Stores records into ${connectorTitle}, in append, overwrite and append_dedup. The kit runs the
 * protocol around it: config validation, buffering, and confirming each state only after the
 * records before it are committed (see {@link io.jcdk.destination.Destination} for the contract).
 */
public final class ${connectorClass}Destination implements ReadableDestination<${connectorClass}Config> {

  @Override
  public ConnectorSpecification spec() {
    return Specs.fromResource(${connectorClass}Destination.class, "/spec.json");
  }

  @Override
  public ${connectorClass}Config parseConfig(JsonNode config) {
    return ${connectorClass}Config.parse(config);
  }

  /** A failed write throws; the error classifier makes it a FAILED status naming the field. */
  @Override
  public AirbyteConnectionStatus check(${connectorClass}Config config) {
    try (${connectorClass}Client client = ${connectorClass}Client.connect(config)) {
      client.checkWritable();
    }
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public Loader open(${connectorClass}Config config, ConfiguredAirbyteCatalog catalog) {
    return new ${connectorClass}Loader(${connectorClass}Client.connect(config), catalog);
  }

  /** What readers see of the stream (the acceptance suites compare it with what they sent). */
  @Override
  public void readBack(${connectorClass}Config config, ConfiguredAirbyteStream stream, Consumer<RawJson> records) {
    // TODO(connector): read the stream's records back from your system, as the JSON the source sent
    try (${connectorClass}Client client = ${connectorClass}Client.connect(config)) {
      client.scan(client.table(stream.descriptor()),
          line -> records.accept(RawJson.ofTrustedBytes(line.getBytes(StandardCharsets.UTF_8))));
    }
  }
}
