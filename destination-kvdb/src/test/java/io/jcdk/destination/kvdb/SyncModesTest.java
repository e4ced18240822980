package io.jcdk.destination.kvdb;

import static io.jcdk.destination.kvdb.Lines.catalog;
import static io.jcdk.destination.kvdb.Lines.input;
import static io.jcdk.destination.kvdb.Lines.record;
import static io.jcdk.destination.kvdb.Lines.state;
import static io.jcdk.destination.kvdb.Lines.stream;
import static io.jcdk.destination.kvdb.Lines.withGeneration;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.ProtocolSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncModesTest {

  @TempDir Path dir;
  private Kvdb kvdb;

  @BeforeEach
  void setUp() {
    kvdb = Kvdb.embedded(dir);
  }

  @Test
  void appendKeepsEveryRecordInArrivalOrderAndASecondSyncAddsToIt() {
    String catalog = catalog(stream(null, "events", "append"));
    assertThat(kvdb.write(catalog, input(
        record(null, "events", "{\"n\":1}"), record(null, "events", "{\"n\":2}"), record(null, "events", "{\"n\":1}"))).exitCode())
        .isZero();
    assertThat(kvdb.write(catalog, input(record(null, "events", "{\"n\":3}"))).exitCode()).isZero();

    assertThat(kvdb.dump(null, "events")).extracting(Object::toString).containsExactly(
        "{\"key\":0,\"value\":{\"n\":1}}", "{\"key\":1,\"value\":{\"n\":2}}",
        "{\"key\":2,\"value\":{\"n\":1}}", "{\"key\":3,\"value\":{\"n\":3}}");
  }

  @Test
  void statesAreEchoedInInputOrderWithTheirStreamsRecordCounts() {
    String catalog = catalog(stream(null, "a", "append"), stream(null, "b", "append"));
    CliRun run = kvdb.write(catalog, input(
        record(null, "a", "{\"n\":1}"), record(null, "b", "{\"n\":1}"), record(null, "a", "{\"n\":2}"),
        state(null, "a", "{\"cursor\":2}"),
        record(null, "b", "{\"n\":2}"),
        state(null, "b", "{\"cursor\":2}"),
        state(null, "a", "{\"cursor\":2}")));

    assertThat(run.exitCode()).isZero();
    assertThat(run.timeline()).containsExactly("STATE a 2.0", "STATE b 2.0", "STATE a 0.0");
    assertThat(run.lines()).allSatisfy(line -> assertThat(ProtocolSchema.problems(line)).isEmpty());
    List<AirbyteMessage> states = Kvdb.states(run);
    assertThat(states.get(0).state().stream().streamState().toString()).isEqualTo("{\"cursor\":2}");
  }

  @Test
  void appendDedupKeepsTheLatestRecordPerCompositeKey() {
    String catalog = catalog(stream("shop", "orders", "append_dedup", "region", "id"));
    kvdb.write(catalog, input(
        record("shop", "orders", "{\"region\":\"eu\",\"id\":1,\"v\":1}"),
        record("shop", "orders", "{\"region\":\"us\",\"id\":1,\"v\":1}"),
        record("shop", "orders", "{\"region\":\"eu\",\"id\":1,\"v\":2}")));
    kvdb.write(catalog, input(record("shop", "orders", "{\"region\":\"us\",\"id\":1,\"v\":3}")));

    assertThat(kvdb.dump("shop", "orders")).extracting(Object::toString).containsExactlyInAnyOrder(
        "{\"key\":[\"eu\",1],\"value\":{\"region\":\"eu\",\"id\":1,\"v\":2}}",
        "{\"key\":[\"us\",1],\"value\":{\"region\":\"us\",\"id\":1,\"v\":3}}");
  }

  @Test
  void aCdcDeleteRemovesTheKeyAndALaterInsertBringsItBack() {
    String catalog = catalog(stream(null, "users", "append_dedup", "id"));
    kvdb.write(catalog, input(
        record(null, "users", "{\"id\":1,\"name\":\"a\"}"),
        record(null, "users", "{\"id\":2,\"name\":\"b\"}"),
        state(null, "users", "{\"lsn\":1}")));
    kvdb.write(catalog, input(
        record(null, "users", "{\"id\":1,\"name\":null,\"_ab_cdc_deleted_at\":\"2024-05-01T00:00:00Z\"}"),
        record(null, "users", "{\"id\":2,\"name\":\"gone\",\"_ab_cdc_deleted_at\":\"2024-05-01T00:00:00Z\"}"),
        record(null, "users", "{\"id\":2,\"name\":\"back\",\"_ab_cdc_deleted_at\":null}")));

    assertThat(kvdb.dump(null, "users")).extracting(Object::toString)
        .containsExactly("{\"key\":[2],\"value\":{\"id\":2,\"name\":\"back\",\"_ab_cdc_deleted_at\":null}}");
  }

  @Test
  void overwriteReplacesThePreviousSyncsData() {
    String catalog = catalog(stream(null, "snap", "overwrite"));
    kvdb.write(catalog, input(record(null, "snap", "{\"v\":\"old1\"}"), record(null, "snap", "{\"v\":\"old2\"}"),
        Lines.status(null, "snap", "COMPLETE")));
    kvdb.write(catalog, input(record(null, "snap", "{\"v\":\"new\"}"), Lines.status(null, "snap", "COMPLETE")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"v\":\"new\"}}");
    JsonNode stats = kvdb.stats().get(0);
    assertThat(stats.path("generation").asLong()).isEqualTo(2);
    assertThat(stats.has("staging_generation")).isFalse();
  }

  @Test
  void anOverwriteWithoutRecordsLeavesTheStreamEmpty() {
    String catalog = catalog(stream(null, "snap", "overwrite"));
    kvdb.write(catalog, input(record(null, "snap", "{\"v\":1}")));
    kvdb.write(catalog, input(Lines.status(null, "snap", "COMPLETE")));

    assertThat(kvdb.dump(null, "snap")).isEmpty();
  }

  @Test
  void aRefreshThatRemovesRecordsReplacesAnAppendDedupStream() {
    kvdb.write(catalog(withGeneration(stream(null, "users", "append_dedup", "id"), 1, 0)),
        input(record(null, "users", "{\"id\":1}"), record(null, "users", "{\"id\":2}")));
    kvdb.write(catalog(withGeneration(stream(null, "users", "append_dedup", "id"), 2, 2)),
        input(record(null, "users", "{\"id\":3}"), Lines.status(null, "users", "COMPLETE")));

    assertThat(kvdb.dump(null, "users")).extracting(Object::toString).containsExactly("{\"key\":[3],\"value\":{\"id\":3}}");
  }

  @Test
  void switchingAStreamFromAppendToAppendDedupIsRefusedWithTheWayOut() {
    kvdb.write(catalog(stream(null, "users", "append")), input(record(null, "users", "{\"id\":1}")));
    CliRun run = kvdb.write(catalog(stream(null, "users", "append_dedup", "id")), input(record(null, "users", "{\"id\":1}")));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("TRACE ERROR config_error");
    assertThat(run.ofType(AirbyteMessage.Type.TRACE).get(0).trace().error().message())
        .contains("Stream 'users' holds appended data").contains("append_dedup").contains("minimum_generation_id");
    assertThat(kvdb.dump(null, "users")).hasSize(1);
  }

  @Test
  void appendDedupWithoutAPrimaryKeyIsAConfigError() {
    CliRun run = kvdb.write(catalog(stream(null, "users", "append_dedup")), input(record(null, "users", "{\"id\":1}")));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.ofType(AirbyteMessage.Type.TRACE).get(0).trace().error().message())
        .contains("Stream 'users' is append_dedup but has no primary key");
  }

  @Test
  void theSourcesPrimaryKeyIsUsedWhenTheCatalogSetsNone() {
    com.fasterxml.jackson.databind.node.ObjectNode s = stream(null, "users", "append_dedup");
    ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("stream")).set("source_defined_primary_key",
        io.jcdk.protocol.Json.parse("[[\"id\"]]"));
    kvdb.write(catalog(s), input(record(null, "users", "{\"id\":1,\"v\":1}"), record(null, "users", "{\"id\":1,\"v\":2}")));

    assertThat(kvdb.dump(null, "users")).extracting(Object::toString).containsExactly("{\"key\":[1],\"value\":{\"id\":1,\"v\":2}}");
  }
}
