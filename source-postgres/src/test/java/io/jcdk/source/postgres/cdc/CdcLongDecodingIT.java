package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.source.postgres.CdcConfig;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int PRIMARY KEY, v text)");

  @BeforeAll
  static void decodeWithLittleMemory() {
    table.execute("ALTER DATABASE " + table.db().database() + " SET logical_decoding_work_mem = '64kB'");
  }

  @Test
  void aBigTransactionCommittedBeforeTheReadArrivesWholeDespiteAShortWait() {
    GlobalState state = table.sync(null).lastState();
    table.execute("INSERT INTO " + table + " SELECT g, repeat('x', 100) FROM generate_series(1, " + ROWS + ") g");
    RecordingContext second = table.sync(config(), state);

    assertThat(second.records).hasSize(ROWS);
  }

  @Test
  void aBigTransactionOfAnUnpublishedTableDoesNotEndTheSyncBeforeTheChangesBehindIt() {
    table.execute("CREATE TABLE " + table + "_unpublished (id int, v text)");
    GlobalState state = table.sync(null).lastState();
    table.db().transaction("INSERT INTO " + table + "_unpublished SELECT g, repeat('x', 100) FROM generate_series(1, "
        + ROWS + ") g", "INSERT INTO " + table + " VALUES (1, 'behind it')");
    table.execute("INSERT INTO " + table + " VALUES (2, 'after it')");

    RecordingContext second = table.sync(config(), state);

    assertThat(second.records).extracting(r -> r.data().tree().get("v").asText())
        .containsExactly("behind it", "after it");
  }

  private CdcConfig config() {
    return table.config().withInitialWaiting(SHORT_WAIT);
  }
}
