package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.protocol.AirbyteRecordMessage.ChangeType;
import io.jcdk.protocol.AirbyteRecordMessage.Reason;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Updates that leave a TOASTed value unchanged under REPLICA IDENTITY DEFAULT: the value is read
 * back from the table by key, in batches, and the last record of a row is the row the database
 * holds.
 */
class CdcUnchangedToastIT {

  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int, region text, name text, big text, PRIMARY KEY (region, id))",
      "ALTER COLUMN big SET STORAGE EXTERNAL");

  private static String big(int id) {
    return (id + " is big ").repeat(3_000);
  }

  @Test
  void anUnchangedToastedValueIsReadBackByKey() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "'), (1, 'us', 'uno', NULL)");
    GlobalState state = table.sync(null).lastState();
    table.execute("UPDATE " + table + " SET name = 'first' WHERE id = 1");

    RecordingContext second = table.sync(state);

    assertThat(second.records).hasSize(2);
    JsonNode eu = second.records.get(0).data().tree();
    assertThat(eu.get("name").asText()).isEqualTo("first");
    assertThat(eu.get("big").asText()).isEqualTo(big(1));
    assertThat(second.records.get(0).meta()).isNull();
    assertThat(second.records.get(1).data().tree().get("big").isNull()).as("NULL is no TOASTed value").isTrue();
  }

  @Test
  void recordsKeepTheirOrderAroundRowsWaitingForValues() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "')");
    GlobalState state = table.sync(null).lastState();
    table.execute("INSERT INTO " + table + " VALUES (2, 'eu', 'two', NULL)",
        "UPDATE " + table + " SET name = 'first' WHERE id = 1",
        "INSERT INTO " + table + " VALUES (3, 'eu', 'three', NULL)",
        "UPDATE " + table + " SET name = 'premier' WHERE id = 1");

    RecordingContext second = table.sync(state);

    assertThat(second.records).extracting(r -> r.data().tree().get("name").asText())
        .containsExactly("two", "first", "three", "premier");
    assertThat(second.records.get(3).data().tree().get("big").asText()).isEqualTo(big(1));
  }

  @Test
  void aValueChangedLaterIsReadBackNewerAndTheLaterChangeFollows() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "')");
    GlobalState state = table.sync(null).lastState();
    table.execute("UPDATE " + table + " SET name = 'first' WHERE id = 1",
        "UPDATE " + table + " SET big = '" + big(7) + "' WHERE id = 1");

    RecordingContext second = table.sync(state);

    assertThat(second.records).extracting(r -> r.data().tree().get("big").asText())
        .as("the first record gets the value the row holds when read; the last is the row as it is")
        .containsExactly(big(7), big(7));
  }

  @Test
  void aRowDeletedBeforeItsValuesAreReadIsFlaggedAndItsDeleteFollows() {
    table.execute("INSERT INTO " + table + " VALUES (1, 'eu', 'one', '" + big(1) + "')");
    GlobalState state = table.sync(null).lastState();
    table.execute("UPDATE " + table + " SET name = 'first' WHERE id = 1", "DELETE FROM " + table + " WHERE id = 1");

    RecordingContext second = table.sync(state);

    assertThat(second.records).hasSize(2);
    assertThat(second.records.get(0).data().tree().has("big")).isFalse();
    assertThat(second.records.get(0).meta().changes())
        .containsExactly(Change.of("big", ChangeType.NULLED, Reason.SOURCE_RETRIEVAL_ERROR));
    assertThat(second.records.get(1).data().tree().get("_ab_cdc_deleted_at").isNull()).isFalse();
  }

  @Test
  void thousandsOfUpdatesAreReadBackInBatches() {
    table.execute("INSERT INTO " + table + " SELECT g, 'eu', 'row', repeat(g::text || ' ', 1000)"
        + " FROM generate_series(1, 2500) g");
    GlobalState state = table.sync(null).lastState();
    table.execute("UPDATE " + table + " SET name = 'updated'");

    LogCapture log = LogCapture.of(UnchangedToast.class);
    RecordingContext second = table.syncCapturing(log, state);

    assertThat(second.records).hasSize(2500).allSatisfy(r -> {
      JsonNode row = r.data().tree();
      assertThat(row.get("big").asText()).startsWith(row.get("id").asText() + " ");
    });
    // 1,000 rows a query; a batch also leaves after waiting a second, which a slow server may cause.
    assertThat(log.messages()).anySatisfy(m -> assertThat(m).matches(
        "Read back unchanged TOASTed values of 2500 updated rows of public\\." + table + " in [345] queries\\."));
    assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("REPLICA IDENTITY FULL"));
  }
}
