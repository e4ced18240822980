package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;

/**
 * Progress of a heap scan by physical position: the page of the row just emitted. A scan resumed
 * from page {@code P} ({@code WHERE ctid >= '(P,0)'}) re-reads the rows of page {@code P} it had
 * already sent (at-least-once) and loses none, provided the scan returns pages in order: the
 * session turns off {@code synchronize_seqscans} (which may start a scan mid-table) and parallel
 * query, and PostgreSQL 14+ serves the resumed scan with a TID range scan.
 *
 * <p>The state also records the table's {@code relfilenode}: VACUUM FULL, CLUSTER and TRUNCATE
 * rewrite the table and renumber every row, and a resume across such a rewrite starts over.
 *
 * <p>State: {@code {"state_type":"ctid","ctid_page":P,"relfilenode":F}}, plus whatever the owner
 * adds ({@link #state(ObjectNode)}).
 */
final class CtidPosition implements TableScan.Position {

  static final String STATE_TYPE = "ctid";

  private final long relfilenode;
  private final ObjectNode base;
  private long page;

  CtidPosition(long startPage, long relfilenode, ObjectNode base) {
    this.page = startPage;
    this.relfilenode = relfilenode;
    this.base = base;
  }

  /** The page to resume from per {@code prior}, or 0 when there is none or the table was rewritten. */
  static long resumePage(JsonNode prior, long relfilenode) {
    if (prior == null || !STATE_TYPE.equals(prior.path("state_type").asText())
        || prior.path("relfilenode").asLong(-1) != relfilenode) {
      return 0;
    }
    return Math.max(0, prior.path("ctid_page").asLong(0));
  }

  /** {@code '(page,0)'::tid}: the first tuple position of a page, as an SQL literal. */
  static String tid(long page) {
    return "'(" + page + ",0)'::tid";
  }

  long page() {
    return page;
  }

  @Override
  public void advance(CopyRow row, int firstExtraField) {
    // "(page,item)": parse the page digits without building a String.
    byte[] data = row.data();
    int at = row.offset(firstExtraField) + 1;
    long p = 0;
    for (byte b = data[at]; b != ','; b = data[++at]) {
      p = p * 10 + (b - '0');
    }
    page = p;
  }

  @Override
  public JsonNode state() {
    return state(base.deepCopy());
  }

  ObjectNode state(ObjectNode into) {
    into.put("state_type", STATE_TYPE);
    into.put("ctid_page", page);
    into.put("relfilenode", relfilenode);
    return into;
  }

  static ObjectNode emptyBase() {
    return Json.object();
  }
}
