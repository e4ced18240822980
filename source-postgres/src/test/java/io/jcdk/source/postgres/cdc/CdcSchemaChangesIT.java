package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.protocol.AirbyteRecordMessage.ChangeType;
import io.jcdk.protocol.AirbyteRecordMessage.Reason;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Columns dropped, added, renamed or retyped while CDC streams: a WARN names the table and the
 * change, records say what they lack in {@code meta.changes}, and a column whose type no longer
 * fits the configured schema stops the sync with a config error to refresh the schema.
 */
class CdcSchemaChangesIT {

  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int PRIMARY KEY, a int, b text)");

  /** The stream as discover would configure it, with {@code a} of JSON type {@code aType}. */
  private ConfiguredAirbyteStream stream(String aType) {
    ObjectNode schema = Json.object().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("id").put("type", "integer");
    properties.putObject("a").set("type", Json.mapper().createArrayNode().add("null").add(aType));
    properties.putObject("b").set("type", Json.mapper().createArrayNode().add("null").add("string"));
    properties.putObject(CdcFields.LSN).put("type", "number");
    properties.putObject(CdcFields.UPDATED_AT).put("type", "string");
    properties.putObject(CdcFields.DELETED_AT).set("type", Json.mapper().createArrayNode().add("null").add("string"));
    return ConfiguredAirbyteStream.of(AirbyteStream.of(StreamDescriptor.of("public", table.name()), schema,
        List.of(SyncMode.INCREMENTAL)), SyncMode.INCREMENTAL, DestinationSyncMode.APPEND_DEDUP);
  }

  @Test
  void aColumnDroppedAndAddedWithAnotherTypeStopsTheSyncUntilTheSchemaIsRefreshed() {
    GlobalState state = table.sync(null, stream("integer")).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 5, 'old shape')",
        "ALTER TABLE " + table + " DROP COLUMN a", "ALTER TABLE " + table + " ADD COLUMN a text",
        "INSERT INTO " + table + " (id, a, b) VALUES (2, 'five', 'new shape')");

    RecordingContext failed = new RecordingContext(state);
    assertThatThrownBy(() -> table.read(table.config(), failed, stream("integer")))
        .isInstanceOfSatisfying(ConnectorException.class,
            e -> assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR))
        .hasMessageContaining("public." + table).hasMessageContaining("\"a\"")
        .hasMessageContaining("refresh the source schema");
    assertThat(failed.records).extracting(r -> r.data().tree().get("a").asInt()).containsExactly(5);
    assertThat(failed.recordsBeforeLastState()).as("a state right before the failing change").hasSize(1);

    RecordingContext refreshed = table.sync(failed.lastState(), stream("string"));
    assertThat(refreshed.records).extracting(r -> r.data().tree().get("a").asText()).containsExactly("five");
  }

  @Test
  void olderChangesOfTheOldTypeAfterARefreshLeaveTheValueOutAndSaySo() {
    GlobalState state = table.sync(null, stream("integer")).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 5, 'old shape')",
        "ALTER TABLE " + table + " ALTER COLUMN a TYPE text",
        "INSERT INTO " + table + " VALUES (2, 'five', 'new shape')");

    RecordingContext second = table.sync(state, stream("string"));

    JsonNode old = second.records.get(0).data().tree();
    assertThat(old.has("a")).isFalse();
    assertThat(old.get("b").asText()).isEqualTo("old shape");
    assertThat(second.records.get(0).meta().changes())
        .containsExactly(Change.of("a", ChangeType.NULLED, Reason.SOURCE_SERIALIZATION_ERROR));
    assertThat(second.records.get(1).data().tree().get("a").asText()).isEqualTo("five");
    assertThat(second.records.get(1).meta()).isNull();
  }

  @Test
  void aRenamedColumnIsWarnedAndFlaggedOnTheRecordsThatLackIt() {
    GlobalState state = table.sync(null, stream("integer")).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 5, 'before')",
        "ALTER TABLE " + table + " RENAME COLUMN a TO c",
        "INSERT INTO " + table + " VALUES (2, 6, 'after')");

    LogCapture log = LogCapture.of(SchemaChanges.class);
    RecordingContext second = table.syncCapturing(log, state, stream("integer"));

    assertThat(second.records.get(0).data().tree().get("a").asInt()).isEqualTo(5);
    assertThat(second.records.get(0).meta()).isNull();
    JsonNode after = second.records.get(1).data().tree();
    assertThat(after.has("a")).isFalse();
    assertThat(after.has("c")).as("not in the configured catalog").isFalse();
    assertThat(second.records.get(1).meta().changes())
        .containsExactly(Change.of("a", ChangeType.NULLED, Reason.SOURCE_RETRIEVAL_ERROR));
    assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("public." + table)
        .contains("dropped: a").contains("added: c").contains("refresh the source schema"));
  }

  @Test
  void aDroppedColumnWarnsThatRowsSyncedBeforeKeepTheirValue() {
    GlobalState state = table.sync(null, stream("integer")).lastState();
    table.execute("INSERT INTO " + table + " VALUES (1, 5, 'before')",
        "ALTER TABLE " + table + " DROP COLUMN b",
        "UPDATE " + table + " SET a = 6 WHERE id = 1");

    LogCapture log = LogCapture.of(SchemaChanges.class);
    RecordingContext second = table.syncCapturing(log, state, stream("integer"));

    assertThat(second.records.get(1).meta().changes())
        .containsExactly(Change.of("b", ChangeType.NULLED, Reason.SOURCE_RETRIEVAL_ERROR));
    assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("public." + table).contains("dropped: b")
        .contains("Rows synced before keep their values"));
  }

  @Test
  void aSnapshotOfAColumnWhoseTypeNoLongerFitsTheCatalogIsAConfigError() {
    table.execute("ALTER TABLE " + table + " ALTER COLUMN a TYPE text");

    assertThatThrownBy(() -> table.sync(null, stream("integer")))
        .isInstanceOfSatisfying(ConnectorException.class,
            e -> assertThat(e.failureType()).isEqualTo(FailureType.CONFIG_ERROR))
        .hasMessageContaining("refresh the source schema");
  }
}
