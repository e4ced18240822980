package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.source.postgres.CdcConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code initial_waiting_seconds} waits for the server to start sending; it does not end a sync
 * while the server is still decoding WAL toward the sync's end position.
 *
 * <p>The server sends nothing of a transaction before it has decoded it up to its commit. To make
 * that take much longer than the wait on any machine, the database decodes with the smallest
 * {@code logical_decoding_work_mem} (64 kB: the transaction spills to disk as it is read) and the
 * wait is 100 ms; 100,000 rows then keep the server busy for several times the wait before the
 * first change arrives (measured 0.3 to 1 s on the development machine, where 30,000 rows already
 * ended the sync with nothing before the fix).
 */
class CdcLongDecodingIT {

  private static final int ROWS = 100_000;
  private static final Duration SHORT_WAIT = Duration.ofMillis(100);

  private static CdcTestDatabase db;
  private static int counter;
  private String table;
  private String slot;
  private String publication;

  @BeforeAll
  static void start() {
    db = CdcTestDatabase.create();
    db.execute("ALTER DATABASE " + db.database() + " SET logical_decoding_work_mem = '64kB'");
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @BeforeEach
  void createTableAndSlot() {
    counter++;
    table = "big_" + counter;
    slot = "long_slot_" + counter;
    publication = "long_pub_" + counter;
    db.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
        "CREATE TABLE unpublished_" + counter + " (id int, v text)",
        "CREATE PUBLICATION " + publication + " FOR TABLE " + table,
        "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  private RecordingContext sync(CdcConfig config, GlobalState prior) {
    RecordingContext context = new RecordingContext(prior);
    new CdcReader(config, CdcFixtures.connections(db), 0).read(List.of(CdcFixtures.stream(table)), context);
    return context;
  }

  @Test
  void aBigTransactionCommittedBeforeTheReadArrivesWholeDespiteAShortWait() {
    GlobalState state = sync(CdcFixtures.config(slot, publication), null).lastState();
    db.execute("INSERT INTO " + table + " SELECT g, repeat('x', 100) FROM generate_series(1, " + ROWS + ") g");
    RecordingContext second = sync(config(), state);

    assertThat(second.records).hasSize(ROWS);
  }

  @Test
  void aBigTransactionOfAnUnpublishedTableDoesNotEndTheSyncBeforeTheChangesBehindIt() {
    GlobalState state = sync(CdcFixtures.config(slot, publication), null).lastState();
    db.transaction("INSERT INTO unpublished_" + counter + " SELECT g, repeat('x', 100) FROM generate_series(1, "
        + ROWS + ") g", "INSERT INTO " + table + " VALUES (1, 'behind it')");
    db.execute("INSERT INTO " + table + " VALUES (2, 'after it')");

    RecordingContext second = sync(config(), state);

    assertThat(second.records).extracting(r -> r.data().tree().get("v").asText())
        .containsExactly("behind it", "after it");
  }

  private CdcConfig config() {
    return CdcFixtures.config(slot, publication).withInitialWaiting(SHORT_WAIT);
  }
}
