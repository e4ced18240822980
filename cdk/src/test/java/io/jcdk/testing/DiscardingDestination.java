package io.jcdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.destination.Destination;
import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import java.util.List;

/** A pass-through destination that drops what it gets: for memory and throughput runs. */
public final class DiscardingDestination implements Destination<JsonNode> {

  public static void main(String[] args) {
    System.exit(ConnectorCli.forDestination(new DiscardingDestination()).run(args));
  }

  @Override
  public ConnectorSpecification spec() {
    return ConnectorSpecification.of(Json.parse("{\"type\":\"object\"}"));
  }

  @Override
  public JsonNode parseConfig(JsonNode config) {
    return config;
  }

  @Override
  public AirbyteConnectionStatus check(JsonNode config) {
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public Loader open(JsonNode config, ConfiguredAirbyteCatalog catalog) {
    return new Loader() {
      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {}

      @Override
      public void commit() {}

      @Override
      public void close() {}
    };
  }
}
