package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.source.CheckpointPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Full refresh checkpoints by ctid and a failed read resumes where it stopped. */
class FullRefreshIT {

  private static final int ROWS = 20_000;
  private static final CheckpointPolicy EVERY_1000 = new CheckpointPolicy(1_000, Duration.ofHours(1));

  private static TestPostgres db;

  @BeforeAll
  static void createTable() {
    db = TestPostgres.create("full_refresh");
    db.execute(
        "CREATE TABLE items (id int PRIMARY KEY, payload text)",
        "INSERT INTO items SELECT g, repeat('x', g % 100) FROM generate_series(1, " + ROWS + ") g",
        "CREATE TABLE empty_items (id int)",
        "CREATE TABLE rewritten (id int, v text)",
        "INSERT INTO rewritten SELECT g, 'v' FROM generate_series(1, 5000) g");
  }

  private static AirbyteStream stream(String name) {
    return Catalogs.stream(new PostgresSource().discover(db.config()), name);
  }

  private static Set<Integer> ids(List<JsonNode> records) {
    Set<Integer> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.get("id").asInt()));
    return ids;
  }

  @Test
  void fullRefreshReadsEveryRowAndEndsWithAnEmptyState() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.fullRefresh(stream("items")), List.of(), EVERY_1000)
        .assertSucceeded();
    assertThat(out.records("items")).hasSize(ROWS);
    assertThat(ids(out.records("items"))).hasSize(ROWS);
    assertThat(out.states()).hasSizeGreaterThanOrEqualTo(ROWS / 1_000);
    assertThat(out.lastStreamState().isEmpty()).isTrue();
    List<Long> pages = out.states().stream().map(s -> s.stream().streamState())
        .filter(s -> s.has("ctid_page")).map(s -> s.get("ctid_page").asLong()).toList();
    assertThat(pages).isSorted();
  }

  @Test
  void resumedFullRefreshLosesNoRowAndRereadsOnlyThePageItStoppedIn() {
    SyncOutput crashed = SyncOutput.read(db.config(), Catalogs.fullRefresh(stream("items")), List.of(), EVERY_1000,
        7_777);
    assertThat(crashed.failure()).isInstanceOf(SyncOutput.Crash.class);
    assertThat(crashed.records("items")).hasSize(7_777);
    JsonNode checkpoint = crashed.lastStreamState();
    assertThat(checkpoint.get("state_type").asText()).isEqualTo("ctid");
    assertThat(checkpoint.get("ctid_page").asLong()).isPositive();

    SyncOutput resumed = SyncOutput.read(db.config(), Catalogs.fullRefresh(stream("items")), crashed.states(),
        EVERY_1000).assertSucceeded();
    Set<Integer> all = ids(crashed.records("items"));
    all.addAll(ids(resumed.records("items")));
    assertThat(all).hasSize(ROWS);
    // The resumed read starts at the checkpoint's page, not at the beginning.
    int reread = crashed.records("items").size() + resumed.records("items").size() - ROWS;
    assertThat(reread).isBetween(0, 1_000 + 300);
    assertThat(resumed.records("items").size()).isLessThan(ROWS - 6_000);
  }

  @Test
  void resumeAfterTheTableWasRewrittenStartsOver() {
    SyncOutput crashed = SyncOutput.read(db.config(), Catalogs.fullRefresh(stream("rewritten")), List.of(),
        EVERY_1000, 2_500);
    assertThat(crashed.lastStreamState().get("ctid_page").asLong()).isPositive();
    db.execute("VACUUM FULL rewritten");
    SyncOutput resumed = SyncOutput.read(db.config(), Catalogs.fullRefresh(stream("rewritten")), crashed.states(),
        EVERY_1000).assertSucceeded();
    assertThat(resumed.records("rewritten")).hasSize(5_000);
  }

  @Test
  void emptyTableGivesNoRecordsAndCompletes() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.fullRefresh(stream("empty_items")), List.of(), EVERY_1000)
        .assertSucceeded();
    assertThat(out.records("empty_items")).isEmpty();
    assertThat(out.states()).hasSize(1);
  }

  @Test
  void selectedColumnsAreTheOnlyOnesRead() {
    AirbyteStream full = stream("items");
    com.fasterxml.jackson.databind.node.ObjectNode schema = full.jsonSchema().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) schema.get("properties")).remove("payload");
    AirbyteStream narrowed = new AirbyteStream(full.name(), schema, full.supportedSyncModes(),
        full.sourceDefinedCursor(), full.defaultCursorField(), full.sourceDefinedPrimaryKey(), full.namespace(),
        full.isResumable(), full.isFileBased(), null);
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.fullRefresh(narrowed), List.of(), EVERY_1000)
        .assertSucceeded();
    assertThat(out.records("items").get(0).fieldNames()).toIterable().containsExactly("id");
  }
}
