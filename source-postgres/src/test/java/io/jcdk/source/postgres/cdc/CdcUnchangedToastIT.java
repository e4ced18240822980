package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.protocol.AirbyteRecordMessage.ChangeType;
import io.jcdk.protocol.AirbyteRecordMessage.Reason;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Updates that leave a TOASTed value unchanged under REPLICA IDENTITY DEFAULT: the value is read
 * back from the table by key, in batches, and the last record of a row is the row the database
 * holds.
 */
class CdcUnchangedToastIT {

  private static CdcTestDatabase db;
  private static int counter;
  private String table;
  private String slot;

  @BeforeAll
  static void start() {
    db = CdcTestDatabase.create();
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @BeforeEach
  void createTableAndSlot() {
    counter++;
    table = "toasted_" + counter;
    slot = "toast_slot_" + counter;
    db.execute("CREATE TABLE " + table + " (id int, region text, name text, big text, PRIMARY KEY (region, id))",
        "ALTER TABLE " + table + " ALTER COLUMN big SET STORAGE EXTERNAL",
        "CREATE PUBLICATION toast_pub_" + counter + " FOR TABLE " + table,
        "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  private RecordingContext sync(GlobalState prior) {
    RecordingContext context = new RecordingContext(prior);
    new CdcReader(CdcFixtures.config(slot, "toast_pub_" + counter), CdcFixtures.connections(db), 0)
        .read(List.of(CdcFixtures.stream(table)), context);
    return context;
  }

  private static String big(int id) {
    return (id + " is big ").repeat(3_000);
  }

  @Test
  void anUnchangedToastedValueIsReadBackByKey() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "'), (1, 'us', 'uno', NULL)");
    GlobalState state = sync(null).lastState();
    db.execute("UPDATE " + table + " SET name = 'first' WHERE id = 1");

    RecordingContext second = sync(state);

    assertThat(second.records).hasSize(2);
    JsonNode eu = second.records.get(0).data().tree();
    assertThat(eu.get("name").asText()).isEqualTo("first");
    assertThat(eu.get("big").asText()).isEqualTo(big(1));
    assertThat(second.records.get(0).meta()).isNull();
    assertThat(second.records.get(1).data().tree().get("big").isNull()).as("NULL is no TOASTed value").isTrue();
  }

  @Test
  void recordsKeepTheirOrderAroundRowsWaitingForValues() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "')");
    GlobalState state = sync(null).lastState();
    db.execute("INSERT INTO " + table + " VALUES (2, 'eu', 'two', NULL)",
        "UPDATE " + table + " SET name = 'first' WHERE id = 1",
        "INSERT INTO " + table + " VALUES (3, 'eu', 'three', NULL)",
        "UPDATE " + table + " SET name = 'premier' WHERE id = 1");

    RecordingContext second = sync(state);

    assertThat(second.records).extracting(r -> r.data().tree().get("name").asText())
        .containsExactly("two", "first", "three", "premier");
    assertThat(second.records.get(3).data().tree().get("big").asText()).isEqualTo(big(1));
  }

  @Test
  void aValueChangedLaterIsReadBackNewerAndTheLaterChangeFollows() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "')");
    GlobalState state = sync(null).lastState();
    db.execute("UPDATE " + table + " SET name = 'first' WHERE id = 1",
        "UPDATE " + table + " SET big = '" + big(7) + "' WHERE id = 1");

    RecordingContext second = sync(state);

    assertThat(second.records).extracting(r -> r.data().tree().get("big").asText())
        .as("the first record gets the value the row holds when read; the last is the row as it is")
        .containsExactly(big(7), big(7));
  }

  @Test
  void aRowDeletedBeforeItsValuesAreReadIsFlaggedAndItsDeleteFollows() {
    db.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "')");
    GlobalState state = sync(null).lastState();
    db.execute("UPDATE " + table + " SET name = 'first' WHERE id = 1", "DELETE FROM " + table + " WHERE id = 1");

    RecordingContext second = sync(state);

    assertThat(second.records).hasSize(2);
    assertThat(second.records.get(0).data().tree().has("big")).isFalse();
    assertThat(second.records.get(0).meta().changes())
        .containsExactly(Change.of("big", ChangeType.NULLED, Reason.SOURCE_RETRIEVAL_ERROR));
    assertThat(second.records.get(1).data().tree().get("_ab_cdc_deleted_at").isNull()).isFalse();
  }

  @Test
  void thousandsOfUpdatesAreReadBackInBatches() {
    db.execute("INSERT INTO " + table + " SELECT g, 'eu', 'row', repeat(g::text || ' ', 1000)"
        + " FROM generate_series(1, 2500) g");
    GlobalState state = sync(null).lastState();
    db.execute("UPDATE " + table + " SET name = 'updated'");

    RecordingContext second;
    List<String> logged;
    try (LogCapture log = LogCapture.of(UnchangedToast.class)) {
      second = sync(state);
      logged = log.messages();
    }

    assertThat(second.records).hasSize(2500).allSatisfy(r -> {
      JsonNode row = r.data().tree();
      assertThat(row.get("big").asText()).startsWith(row.get("id").asText() + " ");
    });
    // 1,000 rows a query; a batch also leaves after waiting a second, which a slow server may cause.
    assertThat(logged).anySatisfy(m -> assertThat(m).matches("Read back unchanged TOASTed values of 2500 updated"
        + " rows of public\\." + table + " in [345] queries\\."));
    assertThat(logged).anySatisfy(m -> assertThat(m).contains("REPLICA IDENTITY FULL"));
  }
}
