package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.StreamDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong();
  private final SyncCounts counts = new SyncCounts();

  private String written() {
    String s = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return s;
  }

  private void readRecords(String namespace, String name, int records, int bytesEach) {
    for (int i = 0; i < records; i++) {
      counts.read(StreamDescriptor.of(namespace, name), bytesEach);
    }
  }

  @Test
  void onATerminalTheBlockIsRedrawnInPlaceAndMessagesScrollAboveIt() {
    ProgressDisplay display = new ProgressDisplay(err, counts, 100, now::get);
    readRecords("shop", "orders", 3, 1_000_000);
    readRecords("shop", "customers", 1, 500_000);
    counts.confirmed(3);
    now.set(Duration.ofSeconds(2).toNanos());

    display.refresh();
    assertThat(written()).isEqualTo(
        "sync 0:02: 4 records (2/s), 3.5 MB read (1.8 MB/s), 1 state confirmed (3 records)\033[K\n"
            + "  shop.customers            1 record     0.5 MB\033[K\n"
            + "  shop.orders               3 records    3.0 MB\033[K\n");

    display.refresh();
    assertThat(written()).startsWith("\033[3F\033[J" + "sync 0:02: ");

    display.message("source INFO: Streamed 4 change records.");
    assertThat(written()).startsWith("\033[3F\033[J" + "source INFO: Streamed 4 change records.\n" + "sync 0:02: ");

    display.close();
    assertThat(written()).isEqualTo("\033[3F\033[J");
  }

  @Test
  void withoutATerminalALineIsPrintedEveryTenSeconds() {
    ProgressDisplay display = new ProgressDisplay(err, counts, 0, now::get);
    readRecords("shop", "orders", 20, 100);

    now.set(Duration.ofSeconds(9).toNanos());
    display.refresh();
    assertThat(written()).isEmpty();

    now.set(Duration.ofSeconds(10).toNanos());
    display.refresh();
    assertThat(written()).isEqualTo(
        "sync: 0:10, 20 records (2/s), 0.0 MB read (0.0 MB/s), 0 states confirmed (0 records); shop.orders 20 (0.0 MB)\n");

    now.set(Duration.ofSeconds(15).toNanos());
    display.refresh();
    display.message("destination INFO: committed");
    assertThat(written()).as("no line before ten more seconds; messages as they come")
        .isEqualTo("destination INFO: committed\n");
  }

  @Test
  void theBlockListsEightStreamsThenHowManyMore() {
    for (int i = 0; i < 11; i++) {
      readRecords("s", "t" + i, 1, 10);
    }

    List<String> block = ProgressDisplay.block(counts.snapshot(), Duration.ofSeconds(1), 80);

    assertThat(block).hasSize(1 + ProgressDisplay.SHOWN_STREAMS + 1).last().isEqualTo("  … and 3 more streams");
  }

  @Test
  void linesLongerThanTheTerminalAreCutSoTheyNeverWrap() {
    readRecords("a_schema_with_a_rather_long_name", "and_a_table_with_an_even_longer_name_than_that", 1, 10);

    assertThat(ProgressDisplay.block(counts.snapshot(), Duration.ofSeconds(1), 60))
        .allSatisfy(l -> assertThat(l.length()).isLessThan(60));
  }

  @Test
  void theTerminalWidthComesFromTheLauncherElseAConsoleCountsAsOne() {
    assertThat(ProgressDisplay.terminalColumns("132", false)).isEqualTo(132);
    assertThat(ProgressDisplay.terminalColumns("10", false)).as("at least 40").isEqualTo(40);
    assertThat(ProgressDisplay.terminalColumns("0", true)).as("the launcher saw no terminal on stderr").isZero();
    assertThat(ProgressDisplay.terminalColumns("wide", true)).isZero();
    assertThat(ProgressDisplay.terminalColumns(null, true)).as("run without the launcher, on a console").isEqualTo(80);
    assertThat(ProgressDisplay.terminalColumns(null, false)).isZero();
  }

  @Test
  void theSummaryGivesTotalsEachStreamAndTheStateFile() {
    readRecords("shop", "orders", 2, 1_500_000);
    readRecords(null, "customers", 1, 100);
    counts.confirmed(3);

    assertThat(ProgressDisplay.summary(counts.snapshot(), Duration.ofSeconds(65), Path.of("work/state.json")))
        .containsExactly(
            "sync done in 1:05: 3 records (3.0 MB) read, 3 confirmed by the destination in 1 state",
            "  customers              1 record     0.0 MB",
            "  shop.orders            2 records    3.0 MB",
            "state saved in work/state.json");
  }

  @Test
  void theSummarySaysWhenNoStateWasConfirmed() {
    readRecords("shop", "orders", 1, 10);

    assertThat(ProgressDisplay.summary(counts.snapshot(), Duration.ofSeconds(1), Path.of("work/state.json")))
        .last().isEqualTo("no state confirmed: work/state.json is unchanged, and the next sync starts where this one did");
  }

  @Test
  void elapsedTimeReadsAsAClock() {
    assertThat(ProgressDisplay.clock(Duration.ofSeconds(7))).isEqualTo("0:07");
    assertThat(ProgressDisplay.clock(Duration.ofSeconds(754))).isEqualTo("12:34");
    assertThat(ProgressDisplay.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
  }
}
