package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Xmin incremental reads: new and updated rows only, resumable, and correct across wraparound. */
class XminIT {

  private static final CheckpointPolicy EVERY_500 = new CheckpointPolicy(500, Duration.ofHours(1));

  private static TestPostgres db;
  private static PostgresConfig config;

  @BeforeAll
  static void createTable() {
    db = TestPostgres.create("xmin");
    db.execute(
        "CREATE TABLE accounts (id int PRIMARY KEY, balance int)",
        "INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 5000) g",
        "CREATE VIEW account_view AS SELECT * FROM accounts");
    config = db.config().withReplication(new ReplicationMethod.Xmin());
  }

  private static AirbyteStream stream(String name) {
    return Catalogs.stream(new PostgresSource().discover(config), name);
  }

  private static Set<Integer> ids(List<JsonNode> records) {
    Set<Integer> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.get("id").asInt()));
    return ids;
  }

  @Test
  void secondSyncReadsOnlyRowsInsertedOrUpdatedSinceTheFirst() {
    SyncOutput first = SyncOutput.read(config, Catalogs.incremental(stream("accounts"), null), List.of(), EVERY_500)
        .assertSucceeded();
    assertThat(first.records("accounts")).hasSizeGreaterThanOrEqualTo(5000);
    JsonNode state = first.lastStreamState();
    assertThat(state.get("state_type").asText()).isEqualTo("xmin");
    assertThat(state.get("xmin_xid").asLong()).isPositive();

    db.execute("UPDATE accounts SET balance = 10 WHERE id IN (7, 4242)", "INSERT INTO accounts VALUES (5001, 1)");
    SyncOutput second = SyncOutput.read(config, Catalogs.incremental(stream("accounts"), null), first.states(),
        EVERY_500).assertSucceeded();
    assertThat(ids(second.records("accounts"))).containsExactlyInAnyOrder(7, 4242, 5001);
    assertThat(second.lastStreamState().get("xmin_xid").asLong()).isGreaterThan(state.get("xmin_xid").asLong());

    SyncOutput third = SyncOutput.read(config, Catalogs.incremental(stream("accounts"), null), second.states(),
        EVERY_500).assertSucceeded();
    assertThat(third.records("accounts")).isEmpty();
  }

  @Test
  void crashedXminReadResumesByCtidAndKeepsTheFirstSnapshotsBound() {
    SyncOutput crashed = SyncOutput.read(config, Catalogs.incremental(stream("accounts"), null), List.of(), EVERY_500,
        2_100);
    JsonNode checkpoint = crashed.lastStreamState();
    assertThat(checkpoint.get("xmin_xid").isNull()).isTrue();
    long to = checkpoint.get("in_progress").get("xmin_xid_to").asLong();
    SyncOutput resumed = SyncOutput.read(config, Catalogs.incremental(stream("accounts"), null), crashed.states(),
        EVERY_500).assertSucceeded();
    Set<Integer> all = ids(crashed.records("accounts"));
    all.addAll(ids(resumed.records("accounts")));
    assertThat(all).hasSizeGreaterThanOrEqualTo(5000);
    assertThat(resumed.records("accounts").size()).isLessThan(4000);
    assertThat(resumed.lastStreamState().get("xmin_xid").asLong()).isEqualTo(to);
  }

  @Test
  void viewsOfferOnlyFullRefreshInXminMode() {
    AirbyteCatalog catalog = new PostgresSource().discover(config);
    assertThat(Catalogs.stream(catalog, "account_view").supportedSyncModes()).containsExactly(SyncMode.FULL_REFRESH);
    assertThat(Catalogs.stream(catalog, "accounts").sourceDefinedCursor()).isTrue();
  }

  /**
   * The comparison on synthetic ids around the 2^32 boundary: the current id {@code C} is just past
   * a wraparound (epoch 5) and the saved id {@code S} just before it (epoch 4).
   */
  @Test
  void xminComparisonIsCorrectAcrossWraparound() throws SQLException {
    long epoch5 = 5L << 32;
    long saved = epoch5 - 100;          // raw 4294967196, epoch 4
    long current = epoch5 + 50;         // raw 50, epoch 5
    XminRange range = XminRange.of(saved, current - 10, current);
    // Raw xmins: before S (old), at S, between S and the wrap, after the wrap, frozen/special, far old.
    List<Long> raw = List.of(4294967000L, 4294967196L, 4294967290L, 3L, 49L, 2L, 1_000_000L);
    assertThat(matching(range, raw)).containsExactlyInAnyOrder(4294967196L, 4294967290L, 3L, 49L);

    XminRange noWrap = XminRange.of(1000L, 1990L, 2000L);
    assertThat(matching(noWrap, List.of(999L, 1000L, 1500L, 1999L, 2L))).containsExactlyInAnyOrder(1000L, 1500L, 1999L);
  }

  private static List<Long> matching(XminRange range, List<Long> rawXmins) throws SQLException {
    StringBuilder values = new StringBuilder();
    for (Long x : rawXmins) {
      values.append(values.length() == 0 ? "" : ", ").append("('").append(x).append("'::xid)");
    }
    String sql = "WITH t(xmin) AS (VALUES " + values + ") SELECT xmin::text::bigint FROM t WHERE "
        + range.condition();
    List<Long> matched = new ArrayList<>();
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          matched.add(rs.getLong(1));
        }
      }
    }
    return matched;
  }
}
