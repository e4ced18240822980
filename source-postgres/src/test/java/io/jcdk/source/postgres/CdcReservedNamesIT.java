package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User columns whose names start with {@code _ab_cdc_} under CDC: the connector's own CDC fields
 * keep their names, the user's column gets one more leading underscore, in discover and in every
 * record, so no record ever holds a key twice.
 */
class CdcReservedNamesIT {

  /** Fails on a duplicate key, which the kit's own mapper (like most readers) silently resolves. */
  private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static TestPostgres db;
  private static PostgresConfig config;

  @BeforeAll
  static void setUp() {
    db = TestPostgres.create("reserved");
    db.execute("CREATE TABLE clash (id int PRIMARY KEY, \"_ab_cdc_deleted_at\" text, \"_ab_cdc_lsn\" int,"
            + " \"__ab_cdc_x\" text, name text)",
        "CREATE PUBLICATION reserved_pub FOR TABLE clash",
        "SELECT pg_create_logical_replication_slot('reserved_slot', 'pgoutput')",
        "INSERT INTO clash VALUES (1, 'the user''s value', 7, 'x', 'one')");
    config = db.config().withReplication(CdcConfig.of("reserved_slot", "reserved_pub")
        .withInitialWaiting(Duration.ofSeconds(30)));
  }

  @AfterAll
  static void tearDown() {
    db.execute("SELECT pg_drop_replication_slot('reserved_slot')");
    db.drop();
  }

  private static AirbyteStream discovered() {
    return Catalogs.stream(new PostgresSource().discover(config), "clash");
  }

  private static JsonNode strict(AirbyteMessage record) {
    try {
      return STRICT.readTree(record.record().data().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(record.record().data().toString(), e);
    }
  }

  private static List<JsonNode> records(SyncOutput output) {
    return output.assertSucceeded().messages().stream().filter(m -> m.type() == AirbyteMessage.Type.RECORD)
        .map(CdcReservedNamesIT::strict).toList();
  }

  @Test
  void discoverNamesTheUsersColumnsWithOneMoreUnderscore() {
    JsonNode properties = discovered().jsonSchema().get("properties");

    assertThat(properties.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "__ab_cdc_deleted_at",
        "__ab_cdc_lsn", "___ab_cdc_x", "name", "_ab_cdc_lsn", "_ab_cdc_updated_at", "_ab_cdc_deleted_at");
    assertThat(properties.get("__ab_cdc_lsn").get("type").toString()).contains("integer");
    assertThat(properties.get("__ab_cdc_deleted_at").get("description").asText())
        .startsWith("The column \"_ab_cdc_deleted_at\", renamed");
    assertThat(properties.get("name").has("description")).isFalse();
    assertThat(properties.get("_ab_cdc_lsn").get("type").asText()).isEqualTo("number");
  }

  @Test
  void snapshotAndStreamedRecordsHoldEachKeyOnce() {
    ConfiguredAirbyteCatalog catalog = ConfiguredAirbyteCatalog.of(List.of(
        ConfiguredAirbyteStream.of(discovered(), SyncMode.INCREMENTAL, DestinationSyncMode.APPEND_DEDUP)));

    SyncOutput first = SyncOutput.read(config, catalog, List.of(), CheckpointPolicy.DEFAULT);
    List<JsonNode> snapshot = records(first);
    db.execute("UPDATE clash SET name = 'uno' WHERE id = 1");
    List<JsonNode> streamed = records(SyncOutput.read(config, catalog, first.states(), CheckpointPolicy.DEFAULT));

    for (JsonNode row : List.of(snapshot.get(0), streamed.get(0))) {
      assertThat(row.get("__ab_cdc_deleted_at").asText()).isEqualTo("the user's value");
      assertThat(row.get("_ab_cdc_deleted_at").isNull()).as("not a delete").isTrue();
      assertThat(row.get("__ab_cdc_lsn").asInt()).isEqualTo(7);
      assertThat(row.get("_ab_cdc_lsn").asLong()).isGreaterThan(7);
      assertThat(row.get("___ab_cdc_x").asText()).isEqualTo("x");
    }
    assertThat(streamed.get(0).get("name").asText()).isEqualTo("uno");
  }

  @Test
  void aFullRefreshUnderCdcNamesTheColumnsAsDiscoverDoes() {
    ConfiguredAirbyteCatalog catalog = ConfiguredAirbyteCatalog.of(List.of(
        ConfiguredAirbyteStream.of(discovered(), SyncMode.FULL_REFRESH, DestinationSyncMode.OVERWRITE)));

    JsonNode row = records(SyncOutput.read(config, catalog, List.of(), CheckpointPolicy.DEFAULT)).get(0);

    assertThat(row.get("__ab_cdc_deleted_at").asText()).isEqualTo("the user's value");
    assertThat(row.has("_ab_cdc_deleted_at")).isFalse();
    assertThat(row.get("___ab_cdc_x").asText()).isEqualTo("x");
  }
}
