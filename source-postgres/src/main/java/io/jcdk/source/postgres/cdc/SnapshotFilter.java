package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.util.Arrays;

/**
 * Which transactions a table's initial snapshot already contains, so that the WAL stream applies
 * every other transaction exactly once.
 *
 * <p>The snapshot is taken after the slot's position is fixed, so the stream (which starts at that
 * position) re-sends the transactions that committed between the position and the snapshot. Their
 * effects are in the snapshot already. A transaction is in the snapshot exactly when its xid is
 * visible to it: below {@code xmin}, or below {@code xmax} and not in the in-progress list
 * {@code xip} (the three parts of {@code txid_current_snapshot()}). pgoutput's Begin carries the
 * top-level xid, the one a snapshot lists. Every transaction in the snapshot committed before
 * {@code horizon} ({@code pg_current_wal_insert_lsn()} read inside the snapshot; not the write
 * position, which with asynchronous commit can lag behind visible commits), so a commit at or after
 * the horizon is applied without looking, and once the stream is past the horizon the filter is
 * dropped from the state.
 *
 * <p>{@code recordLsn} is the {@code _ab_cdc_lsn} the snapshot's rows carry: the slot's
 * {@code restart_lsn}, which is at or before every change the stream will apply, so a destination
 * that keeps the row with the highest {@code _ab_cdc_lsn} lets any later change win over the
 * snapshot row, including one from a long transaction that began before the slot position.
 */
public final class SnapshotFilter {

  private final long xmin;
  private final long xmax;
  private final long[] xip;
  private final Lsn horizon;
  private final Lsn recordLsn;

  SnapshotFilter(long xmin, long xmax, long[] xip, Lsn horizon, Lsn recordLsn) {
    this.xmin = xmin;
    this.xmax = xmax;
    this.xip = xip.clone();
    Arrays.sort(this.xip);
    this.horizon = horizon;
    this.recordLsn = recordLsn;
  }

  /** From {@code txid_current_snapshot()::text}, {@code xmin:xmax:xip1,xip2,...}. */
  static SnapshotFilter parse(String txidSnapshot, Lsn horizon, Lsn recordLsn) {
    String[] parts = txidSnapshot.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a txid snapshot: " + txidSnapshot);
    }
    long[] xip = parts[2].isEmpty() ? new long[0]
        : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
    return new SnapshotFilter(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip, horizon, recordLsn);
  }

  public Lsn horizon() {
    return horizon;
  }

  public Lsn recordLsn() {
    return recordLsn;
  }

  /**
   * True when the transaction {@code xid} committing at {@code commitLsn} is already in the
   * snapshot, so its changes must be skipped.
   */
  public boolean contains(int xid, Lsn commitLsn) {
    if (!commitLsn.isBefore(horizon)) {
      return false;
    }
    long full = widen(xid);
    return full < xmin || (full < xmax && Arrays.binarySearch(xip, full) < 0);
  }

  /**
   * A 32-bit xid as the 64-bit (epoch-qualified) txid closest to the snapshot: transactions that
   * commit before the horizon are at most a few billion xids from it, never half the xid space.
   */
  long widen(int xid) {
    long candidate = (xmax & ~0xFFFF_FFFFL) | Integer.toUnsignedLong(xid);
    if (candidate > xmax + (1L << 31)) {
      candidate -= 1L << 32;
    } else if (candidate < xmax - (1L << 31)) {
      candidate += 1L << 32;
    }
    return candidate;
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("xmin", xmin);
    node.put("xmax", xmax);
    ArrayNode list = node.putArray("xip");
    for (long x : xip) {
      list.add(x);
    }
    node.put("horizon", horizon.toString());
    node.put("record_lsn", recordLsn.toString());
    return node;
  }

  static SnapshotFilter fromJson(JsonNode node) {
    long[] xip = new long[node.path("xip").size()];
    for (int i = 0; i < xip.length; i++) {
      xip[i] = node.path("xip").get(i).asLong();
    }
    return new SnapshotFilter(node.path("xmin").asLong(), node.path("xmax").asLong(), xip,
        Lsn.parse(node.path("horizon").asText()), Lsn.parse(node.path("record_lsn").asText()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotFilter f && xmin == f.xmin && xmax == f.xmax && Arrays.equals(xip, f.xip)
        && horizon.equals(f.horizon) && recordLsn.equals(f.recordLsn);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(xmin) * 31 + Long.hashCode(xmax);
  }

  @Override
  public String toString() {
    return "SnapshotFilter[" + xmin + ":" + xmax + ":" + Arrays.toString(xip) + ", horizon=" + horizon + "]";
  }
}
