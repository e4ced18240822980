package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which rows an xmin sync reads, correct across transaction id wraparound.
 *
 * <p>{@code xmin} is a 32-bit counter that wraps; comparing it as a number breaks after 4 billion
 * transactions. The state therefore keeps 64-bit, epoch-aware ids ({@code txid_*} functions, PG
 * 12+). At the start of a read the snapshot gives {@code xmax} {@code C} (64-bit, above every
 * visible id) and {@code xmin} {@code S'} (below every transaction still running). A row's 32-bit
 * {@code x} is the 64-bit id {@code C - ((C - x) mod 2^32)}: every unfrozen row is less than 2^31
 * transactions old, so this is exact. The read selects rows whose id is at least the saved
 * {@code S}, i.e. whose age {@code (C - x) mod 2^32} is at most {@code C - S}, and saves {@code S'}
 * for the next sync: transactions that were running at the snapshot commit with ids at or above
 * {@code S'}, so they are read next time (rows of transactions between {@code S'} and {@code C} may be
 * read twice; none is lost). Ids 0-2 (invalid, bootstrap, frozen) are old by definition.
 *
 * <p>A read that fails part-way resumes by ctid, keeping the first attempt's {@code S'}: rows of the
 * pages it had read and changed since carry ids at or above it.
 *
 * <p>State: {@code {"state_type":"xmin","xmin_xid":S,"xmin_raw":S mod 2^32,"num_wraparound":S >> 32}},
 * and during a read also {@code "in_progress":{"xmin_xid_to":S',"ctid_page":P,"relfilenode":F}}.
 */
final class XminRange {

  static final String STATE_TYPE = "xmin";
  private static final long XID_SPACE = 1L << 32;

  private final Long from;
  private final long to;
  private final long current;
  private final JsonNode inProgress;

  private XminRange(Long from, long to, long current, JsonNode inProgress) {
    this.from = from;
    this.to = to;
    this.current = current;
    this.inProgress = inProgress;
  }

  /** A range from explicit ids (for tests of the wraparound arithmetic). */
  static XminRange of(Long from, long to, long current) {
    return new XminRange(from, to, current, null);
  }

  /** Takes the snapshot's ids (the first statement of the transaction, so they are the read's). */
  static XminRange begin(Connection connection, JsonNode prior) throws SQLException {
    long snapshotXmin;
    long snapshotXmax;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT txid_snapshot_xmin(txid_current_snapshot()),"
            + " txid_snapshot_xmax(txid_current_snapshot())")) {
      rs.next();
      snapshotXmin = rs.getLong(1);
      snapshotXmax = rs.getLong(2);
    }
    Long from = null;
    JsonNode inProgress = null;
    if (prior != null && STATE_TYPE.equals(prior.path("state_type").asText())) {
      if (prior.path("xmin_xid").isIntegralNumber()) {
        from = prior.get("xmin_xid").asLong();
      }
      if (prior.path("in_progress").isObject()) {
        inProgress = prior.get("in_progress");
      }
    }
    long to = inProgress != null && inProgress.path("xmin_xid_to").isIntegralNumber()
        ? inProgress.get("xmin_xid_to").asLong()
        : snapshotXmin;
    return new XminRange(from, to, snapshotXmax, inProgress);
  }

  /** The WHERE condition (numbers inlined: COPY takes no parameters), or null on a first sync. */
  String condition() {
    if (from == null) {
      return null;
    }
    long maxAge = Math.max(0, current - from);
    return "xmin::text::bigint >= 3 AND ((" + current % XID_SPACE + " - xmin::text::bigint) % 4294967296"
        + " + 4294967296) % 4294967296 <= " + maxAge;
  }

  /** The ctid page to resume from: the in-progress checkpoint's, if the table was not rewritten. */
  long resumePage(long relfilenode) {
    return inProgress == null ? 0 : CtidPosition.resumePage(withType(inProgress), relfilenode);
  }

  private static JsonNode withType(JsonNode inProgress) {
    ObjectNode copy = inProgress.deepCopy();
    copy.put("state_type", CtidPosition.STATE_TYPE);
    return copy;
  }

  /** Checkpoints during the read: the old {@code from}, plus where the read got to. */
  TableScan.Position position(CtidPosition ctid) {
    return new TableScan.Position() {
      @Override
      public void advance(CopyRow row, int firstExtraField) {
        if (ctid != null) {
          ctid.advance(row, firstExtraField);
        }
      }

      @Override
      public JsonNode state() {
        ObjectNode state = base(from);
        if (ctid != null) {
          ObjectNode progress = ctid.state(Json.object());
          progress.remove("state_type");
          progress.put("xmin_xid_to", to);
          state.set("in_progress", progress);
        }
        return state;
      }
    };
  }

  /** After a complete read: the next sync starts at {@code to}. */
  JsonNode finalState() {
    return base(to);
  }

  private static ObjectNode base(Long xid) {
    ObjectNode state = Json.object();
    state.put("state_type", STATE_TYPE);
    if (xid == null) {
      state.putNull("xmin_xid");
    } else {
      state.put("xmin_xid", xid);
      state.put("xmin_raw", xid % XID_SPACE);
      state.put("num_wraparound", xid >> 32);
    }
    return state;
  }
}
