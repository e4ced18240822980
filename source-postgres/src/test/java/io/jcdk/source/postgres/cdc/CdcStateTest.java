package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.postgres.cdc.CdcState.Phase;
import io.jcdk.source.postgres.cdc.CdcState.TableState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdcStateTest {

  private static final StreamDescriptor A = StreamDescriptor.of("public", "a");
  private static final StreamDescriptor B = StreamDescriptor.of("public", "b");
  private static final SnapshotFilter FILTER =
      SnapshotFilter.parse("10:12:11", Lsn.parse("0/2000"), Lsn.parse("0/1000"));

  @Test
  void roundTripsThroughTheGlobalStateJson() {
    CdcState state = new CdcState(Lsn.parse("0/1800"), Map.of(
        A, new TableState(Phase.SNAPSHOT, FILTER, List.of("42", "x y")),
        B, new TableState(Phase.STREAMING, FILTER, null)));

    GlobalState json = Json.mapper().convertValue(Json.mapper().valueToTree(state.toGlobalState()), GlobalState.class);

    assertThat(json.sharedState().get("lsn").asText()).isEqualTo("0/1800");
    assertThat(CdcState.fromGlobalState(json)).isEqualTo(state);
  }

  @Test
  void dropsSnapshotFiltersOnceThePositionReachesTheirHorizon() {
    CdcState state = new CdcState(Lsn.parse("0/1800"), Map.of(
        A, new TableState(Phase.STREAMING, FILTER, null)));

    assertThat(state.dropFiltersBefore(Lsn.parse("0/1FFF")).tables().get(A).snapshot()).isNotNull();
    assertThat(state.dropFiltersBefore(Lsn.parse("0/2000")).tables().get(A).snapshot()).isNull();
  }

  @Test
  void aStateWrittenByAnotherConnectorIsAConfigError() {
    GlobalState foreign = new GlobalState(Json.parse("{\"state\":{\"debezium\":1}}"), List.of(), null);

    assertThatThrownBy(() -> CdcState.fromGlobalState(foreign))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("not written by this connector");
  }

  @Test
  void noSavedStateMeansAFirstSync() {
    assertThat(CdcState.fromGlobalState(null)).isNull();
  }
}
