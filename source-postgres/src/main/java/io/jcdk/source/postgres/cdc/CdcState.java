package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GLOBAL state of a CDC read, as values.
 *
 * <pre>{@code
 * shared_state:  {"lsn": "0/1A2B3C8"}
 * stream_states: {"phase": "snapshot", "snapshot": {...SnapshotFilter...}, "resume_after": ["42"]}
 *                {"phase": "streaming", "snapshot": {...}}   (filter kept until the stream passes its horizon)
 *                {"phase": "streaming"}
 * }</pre>
 *
 * {@code lsn} is where the next sync starts the slot: the end of the last transaction whose records
 * were all emitted before this state (or a position between transactions the server reported).
 * {@code resume_after} is the primary key, as text, of the last snapshot row emitted.
 */
record CdcState(Lsn lsn, Map<StreamDescriptor, TableState> tables) {

  CdcState {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  enum Phase {
    SNAPSHOT,
    STREAMING
  }

  /** One table's progress; {@code snapshot} null once the stream is past its horizon. */
  record TableState(Phase phase, SnapshotFilter snapshot, List<String> resumeAfter) {
    TableState {
      resumeAfter = resumeAfter == null ? null : List.copyOf(resumeAfter);
    }

    static TableState streaming() {
      return new TableState(Phase.STREAMING, null, null);
    }

    TableState withResumeAfter(List<String> key) {
      return new TableState(phase, snapshot, key);
    }
  }

  CdcState withLsn(Lsn newLsn) {
    return new CdcState(newLsn, tables);
  }

  CdcState with(StreamDescriptor stream, TableState state) {
    Map<StreamDescriptor, TableState> copy = new LinkedHashMap<>(tables);
    copy.put(stream, state);
    return new CdcState(lsn, copy);
  }

  /** Drops the snapshot filters whose horizon {@code position} has reached. */
  CdcState dropFiltersBefore(Lsn position) {
    Map<StreamDescriptor, TableState> copy = new LinkedHashMap<>(tables);
    boolean changed = false;
    for (Map.Entry<StreamDescriptor, TableState> e : copy.entrySet()) {
      TableState t = e.getValue();
      if (t.phase() == Phase.STREAMING && t.snapshot() != null && !position.isBefore(t.snapshot().horizon())) {
        e.setValue(TableState.streaming());
        changed = true;
      }
    }
    return changed ? new CdcState(lsn, copy) : this;
  }

  GlobalState toGlobalState() {
    ObjectNode shared = Json.object();
    shared.put("lsn", lsn.toString());
    List<StreamState> streams = new ArrayList<>(tables.size());
    for (Map.Entry<StreamDescriptor, TableState> e : tables.entrySet()) {
      TableState t = e.getValue();
      ObjectNode node = Json.object();
      node.put("phase", t.phase().name().toLowerCase());
      if (t.snapshot() != null) {
        node.set("snapshot", t.snapshot().toJson());
      }
      if (t.resumeAfter() != null) {
        ArrayNode key = node.putArray("resume_after");
        t.resumeAfter().forEach(key::add);
      }
      streams.add(StreamState.of(e.getKey(), node));
    }
    return new GlobalState(shared, streams, null);
  }

  /**
   * The state a sync starts from; null when there is none (a first sync). A state this connector
   * did not write is a config error: the user must reset the connection.
   */
  static CdcState fromGlobalState(GlobalState global) {
    if (global == null || global.sharedState() == null || global.sharedState().isNull()) {
      return null;
    }
    JsonNode lsnNode = global.sharedState().get("lsn");
    if (lsnNode == null || !lsnNode.isTextual()) {
      throw ConnectorException.config("The saved CDC state has no shared_state.lsn (it holds "
          + abbreviate(global.sharedState()) + "); it was not written by this connector. Reset the connection's"
          + " data to start over with a new snapshot.");
    }
    Lsn lsn;
    try {
      lsn = Lsn.parse(lsnNode.asText());
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config("The saved CDC state's shared_state.lsn '" + lsnNode.asText()
          + "' is not an LSN; reset the connection's data to start over with a new snapshot.", e);
    }
    Map<StreamDescriptor, TableState> tables = new LinkedHashMap<>();
    for (StreamState s : global.streamStates()) {
      JsonNode node = s.streamState();
      if (node == null || node.isNull()) {
        continue;
      }
      Phase phase = "snapshot".equals(node.path("phase").asText()) ? Phase.SNAPSHOT : Phase.STREAMING;
      SnapshotFilter filter = node.hasNonNull("snapshot") ? SnapshotFilter.fromJson(node.get("snapshot")) : null;
      List<String> resumeAfter = null;
      if (node.hasNonNull("resume_after")) {
        resumeAfter = new ArrayList<>();
        for (JsonNode k : node.get("resume_after")) {
          resumeAfter.add(k.asText());
        }
      }
      if (phase == Phase.SNAPSHOT && filter == null) {
        // Without its filter a half-done snapshot cannot be continued consistently: start it over.
        continue;
      }
      tables.put(s.streamDescriptor(), new TableState(phase, filter, resumeAfter));
    }
    return new CdcState(lsn, tables);
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 100 ? text : text.substring(0, 97) + "...";
  }
}
