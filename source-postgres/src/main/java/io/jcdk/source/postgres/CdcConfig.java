package io.jcdk.source.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code replication_method} with {@code "method": "CDC"}: logical decoding with pgoutput.
 *
 * @param replicationSlot {@code replication_slot}: an existing logical slot of this database
 * @param publication {@code publication}: an existing publication naming the captured tables
 * @param initialWaiting {@code initial_waiting_seconds}: a sync that sees nothing for this long ends
 * @param queueSize {@code queue_size}: decoded changes that may wait between stream and output
 * @param lsnCommit {@code lsn_commit_behaviour}: when the slot may be advanced
 * @param heartbeatActionQuery {@code heartbeat_action_query}: empty when not configured
 * @param invalidPosition {@code invalid_cdc_cursor_position_behavior}
 * @param initialLoadTimeout {@code initial_load_timeout_hours} (accepted for compatibility)
 */
public record CdcConfig(
    String replicationSlot,
    String publication,
    Duration initialWaiting,
    int queueSize,
    LsnCommitBehaviour lsnCommit,
    Optional<String> heartbeatActionQuery,
    InvalidPositionBehavior invalidPosition,
    Duration initialLoadTimeout)
    implements ReplicationMethod {

  public static final Duration DEFAULT_INITIAL_WAITING = Duration.ofSeconds(1200);

  public CdcConfig {
    Objects.requireNonNull(replicationSlot, "replicationSlot");
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(initialWaiting, "initialWaiting");
    Objects.requireNonNull(lsnCommit, "lsnCommit");
    Objects.requireNonNull(heartbeatActionQuery, "heartbeatActionQuery");
    Objects.requireNonNull(invalidPosition, "invalidPosition");
    Objects.requireNonNull(initialLoadTimeout, "initialLoadTimeout");
  }

  /** A config with the spec's defaults for everything but slot and publication (for tests). */
  public static CdcConfig of(String replicationSlot, String publication) {
    return new CdcConfig(replicationSlot, publication, DEFAULT_INITIAL_WAITING, 10_000,
        LsnCommitBehaviour.AFTER_DESTINATION, Optional.empty(), InvalidPositionBehavior.FAIL_SYNC,
        Duration.ofHours(8));
  }

  public CdcConfig withInitialWaiting(Duration waiting) {
    return new CdcConfig(replicationSlot, publication, waiting, queueSize, lsnCommit, heartbeatActionQuery,
        invalidPosition, initialLoadTimeout);
  }

  public CdcConfig withLsnCommit(LsnCommitBehaviour behaviour) {
    return new CdcConfig(replicationSlot, publication, initialWaiting, queueSize, behaviour, heartbeatActionQuery,
        invalidPosition, initialLoadTimeout);
  }

  public CdcConfig withInvalidPosition(InvalidPositionBehavior behavior) {
    return new CdcConfig(replicationSlot, publication, initialWaiting, queueSize, lsnCommit, heartbeatActionQuery,
        behavior, initialLoadTimeout);
  }

  /** {@code lsn_commit_behaviour}. */
  public enum LsnCommitBehaviour {
    /** "After loading Data in the destination": advance the slot to the LSN of a state the destination echoed. */
    AFTER_DESTINATION("After loading Data in the destination"),
    /** "While reading Data": advance the slot as soon as the connector emitted the state. */
    WHILE_READING("While reading Data");

    private final String specValue;

    LsnCommitBehaviour(String specValue) {
      this.specValue = specValue;
    }

    public String specValue() {
      return specValue;
    }

    static LsnCommitBehaviour fromSpec(String value) {
      for (LsnCommitBehaviour b : values()) {
        if (b.specValue.equals(value)) {
          return b;
        }
      }
      throw new IllegalArgumentException(value);
    }
  }

  /** {@code invalid_cdc_cursor_position_behavior}. */
  public enum InvalidPositionBehavior {
    FAIL_SYNC("Fail sync"),
    RESYNC_DATA("Re-sync data");

    private final String specValue;

    InvalidPositionBehavior(String specValue) {
      this.specValue = specValue;
    }

    public String specValue() {
      return specValue;
    }

    static InvalidPositionBehavior fromSpec(String value) {
      for (InvalidPositionBehavior b : values()) {
        if (b.specValue.equals(value)) {
          return b;
        }
      }
      throw new IllegalArgumentException(value);
    }
  }
}
