package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema, table and column names with spaces, quotes, upper case and Unicode work everywhere. */
class IdentifiersIT {

  private static final String SCHEMA = "Sch\"ema Ü";
  private static final String TABLE = "My \"Table\"; DROP TABLE x; --";
  private static final String PARTITIONED = "Parts 表";
  private static final String VIEW = "View Of It";

  private static TestPostgres db;
  private static PostgresConfig config;

  @BeforeAll
  static void createTables() {
    db = TestPostgres.create("identifiers");
    String s = PgIdentifier.quote(SCHEMA);
    db.execute(
        "CREATE TABLE x (a int)",
        "CREATE SCHEMA " + s,
        "CREATE TABLE " + s + "." + PgIdentifier.quote(TABLE)
            + " (\"Id Key\" int PRIMARY KEY, \"UPPER\" text, \"quo\"\"te\" text, \"ünï cødé 😀\" int)",
        "INSERT INTO " + s + "." + PgIdentifier.quote(TABLE)
            + " SELECT g, 'u' || g, 'q' || g, g * 10 FROM generate_series(1, 25) g",
        "CREATE TABLE " + s + "." + PgIdentifier.quote(PARTITIONED)
            + " (\"Key Col\" int, \"Vâl\" text, PRIMARY KEY (\"Key Col\")) PARTITION BY RANGE (\"Key Col\")",
        "CREATE TABLE " + s + ".\"p 1\" PARTITION OF " + s + "." + PgIdentifier.quote(PARTITIONED)
            + " FOR VALUES FROM (0) TO (10)",
        "CREATE TABLE " + s + ".\"p 2\" PARTITION OF " + s + "." + PgIdentifier.quote(PARTITIONED)
            + " FOR VALUES FROM (10) TO (100)",
        "INSERT INTO " + s + "." + PgIdentifier.quote(PARTITIONED) + " SELECT g, 'v' || g FROM generate_series(0, 29) g",
        "CREATE VIEW " + s + "." + PgIdentifier.quote(VIEW) + " AS SELECT \"Id Key\" AS \"View Id\" FROM " + s + "."
            + PgIdentifier.quote(TABLE));
    config = db.config().withSchemas(List.of(SCHEMA));
  }

  @Test
  void discoverListsTablesPartitionedTablesAndViewsButNotPartitions() {
    AirbyteCatalog catalog = new PostgresSource().discover(config);
    assertThat(catalog.streams()).extracting(AirbyteStream::name).containsExactlyInAnyOrder(TABLE, PARTITIONED, VIEW);
    AirbyteStream table = Catalogs.stream(catalog, TABLE);
    assertThat(table.namespace()).isEqualTo(SCHEMA);
    assertThat(table.jsonSchema().get("properties").fieldNames()).toIterable()
        .containsExactly("Id Key", "UPPER", "quo\"te", "ünï cødé 😀");
    assertThat(table.sourceDefinedPrimaryKey()).containsExactly(List.of("Id Key"));
    assertThat(table.supportedSyncModes()).containsExactly(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL);
    assertThat(table.isResumable()).isTrue();
    assertThat(Catalogs.stream(catalog, PARTITIONED).isResumable()).isTrue();
    assertThat(Catalogs.stream(catalog, VIEW).isResumable()).isFalse();
  }

  @Test
  void fullRefreshAndResumeWorkOnOddNames() {
    AirbyteCatalog catalog = new PostgresSource().discover(config);
    CheckpointPolicy every5 = new CheckpointPolicy(5, Duration.ofHours(1));
    for (String name : List.of(TABLE, PARTITIONED, VIEW)) {
      SyncOutput crashed = SyncOutput.read(config, Catalogs.fullRefresh(Catalogs.stream(catalog, name)), List.of(),
          every5, 12);
      assertThat(crashed.failure()).as(name).isInstanceOf(SyncOutput.Crash.class);
      SyncOutput resumed = SyncOutput.read(config, Catalogs.fullRefresh(Catalogs.stream(catalog, name)),
          crashed.states(), every5).assertSucceeded();
      int expected = name.equals(PARTITIONED) ? 30 : 25;
      long distinct = java.util.stream.Stream.concat(crashed.records(name).stream(), resumed.records(name).stream())
          .map(JsonNode::toString).distinct().count();
      assertThat(distinct).as(name).isEqualTo(expected);
    }
  }

  @Test
  void cursorOnAColumnWithAnOddNameReadsOnlyNewRows() {
    AirbyteCatalog catalog = new PostgresSource().discover(config);
    AirbyteStream table = Catalogs.stream(catalog, TABLE);
    SyncOutput first = SyncOutput.read(config, Catalogs.incremental(table, "ünï cødé 😀"), List.of(),
        CheckpointPolicy.DEFAULT).assertSucceeded();
    assertThat(first.records(TABLE)).hasSize(25);
    assertThat(first.lastStreamState().get("cursor").asText()).isEqualTo("250");
    SyncOutput second = SyncOutput.read(config, Catalogs.incremental(table, "ünï cødé 😀"), first.states(),
        CheckpointPolicy.DEFAULT).assertSucceeded();
    assertThat(second.records(TABLE)).extracting(r -> r.get("Id Key").asInt()).containsExactly(25);
  }
}
