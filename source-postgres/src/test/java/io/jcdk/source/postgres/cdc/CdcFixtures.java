package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.postgres.PgSessionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Streams, connections and configs for the CDC tests. */
final class CdcFixtures {

  private CdcFixtures() {}

  /** An incremental stream of {@code public.table} selecting every column. */
  static ConfiguredAirbyteStream stream(String table) {
    return stream("public", table);
  }

  static ConfiguredAirbyteStream stream(String schema, String table) {
    ObjectNode jsonSchema = Json.object().put("type", "object");
    jsonSchema.putObject("properties");
    return ConfiguredAirbyteStream.of(
        AirbyteStream.of(StreamDescriptor.of(schema, table), jsonSchema, List.of(SyncMode.INCREMENTAL)),
        SyncMode.INCREMENTAL, DestinationSyncMode.APPEND_DEDUP);
  }

  /** An incremental stream of {@code public.table} selecting only {@code columns}. */
  static ConfiguredAirbyteStream streamWithColumns(String table, String... columns) {
    ObjectNode jsonSchema = Json.object().put("type", "object");
    ObjectNode properties = jsonSchema.putObject("properties");
    for (String c : columns) {
      properties.putObject(c);
    }
    return ConfiguredAirbyteStream.of(
        AirbyteStream.of(StreamDescriptor.of("public", table), jsonSchema, List.of(SyncMode.INCREMENTAL)),
        SyncMode.INCREMENTAL, DestinationSyncMode.APPEND_DEDUP);
  }

  static CdcConnections connections(CdcTestDatabase db) {
    Properties p = db.properties();
    PgSessionSettings.applyTo(p);
    return CdcConnections.of(db.jdbcUrl(), p);
  }

  /** A config file's JSON for the connector's command line: CDC of {@code table}'s slot and publication. */
  static ObjectNode configJson(CdcTable table) {
    CdcTestDatabase db = table.db();
    ObjectNode c = Json.object().put("host", db.host()).put("port", db.port()).put("database", db.database())
        .put("username", db.user());
    if (db.password() != null) {
      c.put("password", db.password());
    }
    c.putArray("schemas").add("public");
    c.putObject("ssl_mode").put("mode", "disable");
    c.putObject("tunnel_method").put("tunnel_method", "NO_TUNNEL");
    c.putObject("replication_method").put("method", "CDC").put("replication_slot", table.slot())
        .put("publication", table.publication()).put("initial_waiting_seconds", 60);
    return c;
  }

  /** The defaults, but a short idle limit so a test that waits for nothing fails fast. */
  static io.jcdk.source.postgres.CdcConfig config(String slot, String publication) {
    return io.jcdk.source.postgres.CdcConfig.of(slot, publication).withInitialWaiting(Duration.ofSeconds(30));
  }
}
