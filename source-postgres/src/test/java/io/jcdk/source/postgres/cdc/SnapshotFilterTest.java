package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotFilterTest {

  private static final Lsn HORIZON = Lsn.parse("0/5000");
  private static final Lsn BEFORE = Lsn.parse("0/4000");

  @Test
  void containsTransactionsVisibleToTheSnapshotOnly() {
    SnapshotFilter filter = SnapshotFilter.parse("100:105:100,103", HORIZON, Lsn.parse("0/1000"));

    assertThat(filter.contains(99, BEFORE)).as("below xmin").isTrue();
    assertThat(filter.contains(100, BEFORE)).as("in progress").isFalse();
    assertThat(filter.contains(101, BEFORE)).as("committed before the snapshot").isTrue();
    assertThat(filter.contains(103, BEFORE)).as("in progress").isFalse();
    assertThat(filter.contains(105, BEFORE)).as("at xmax").isFalse();
  }

  @Test
  void commitsAtOrAfterTheHorizonAreNeverInTheSnapshot() {
    SnapshotFilter filter = SnapshotFilter.parse("100:105:", HORIZON, Lsn.parse("0/1000"));

    assertThat(filter.contains(99, HORIZON)).isFalse();
    assertThat(filter.contains(99, Lsn.parse("0/6000"))).isFalse();
  }

  @Test
  void widensThirtyTwoBitXidsAcrossAnEpochBoundary() {
    long epoch1 = 1L << 32;
    SnapshotFilter filter = SnapshotFilter.parse((epoch1 + 10) + ":" + (epoch1 + 20) + ":" + (epoch1 + 15),
        HORIZON, Lsn.parse("0/1000"));

    assertThat(filter.widen(5)).isEqualTo(epoch1 + 5);
    assertThat(filter.widen(0xFFFF_FFF0)).as("just before the wraparound").isEqualTo(epoch1 - 16);
    assertThat(filter.contains(0xFFFF_FFF0, BEFORE)).isTrue();
    assertThat(filter.contains(15, BEFORE)).isFalse();
    assertThat(filter.contains(12, BEFORE)).isTrue();
  }

  @Test
  void survivesAJsonRoundTrip() {
    SnapshotFilter filter = SnapshotFilter.parse("100:105:100,103", HORIZON, Lsn.parse("0/1000"));

    assertThat(SnapshotFilter.fromJson(filter.toJson())).isEqualTo(filter);
  }
}
