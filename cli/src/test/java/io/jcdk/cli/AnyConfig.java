package io.jcdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.Connector;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.Json;

/** For this module's test connectors: any JSON object is a config, taken as it is, and checks succeed. */
interface AnyConfig extends Connector<JsonNode> {

  @Override
  default ConnectorSpecification spec() {
    return ConnectorSpecification.of(Json.parse("{\"type\":\"object\"}"));
  }

  @Override
  default JsonNode parseConfig(JsonNode config) {
    return config;
  }

  @Override
  default AirbyteConnectionStatus check(JsonNode config) {
    return AirbyteConnectionStatus.succeeded();
  }
}
