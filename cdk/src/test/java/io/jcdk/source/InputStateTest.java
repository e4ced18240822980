package io.jcdk.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.testing.LogCapture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputStateTest {

  private static final StreamDescriptor PUBLIC_USERS = StreamDescriptor.of("public", "users");
  private static final StreamDescriptor SALES_USERS = StreamDescriptor.of("sales", "users");
  private static final StreamDescriptor PUBLIC_ORDERS = StreamDescriptor.of("public", "orders");

  private static ConfiguredAirbyteCatalog catalog(StreamDescriptor... streams) {
    return ConfiguredAirbyteCatalog.of(Arrays.stream(streams)
        .map(d -> ConfiguredAirbyteStream.of(AirbyteStream.of(d, Json.object(), List.of(SyncMode.INCREMENTAL)),
            SyncMode.INCREMENTAL, DestinationSyncMode.APPEND))
        .toList());
  }

  private static AirbyteStateMessage stream(StreamDescriptor d, int id) {
    return AirbyteStateMessage.ofStream(d, Json.object().put("id", id));
  }

  private static int id(InputState state, StreamDescriptor d) {
    return state.stream(d).map(n -> n.get("id").asInt()).orElse(-1);
  }

  @Test
  void aStateWithoutNamespaceResumesTheOnlyConfiguredStreamOfThatName() {
    // Airbyte's connector acceptance tests send {"stream_descriptor": {"name": "users"}}.
    InputState state = InputState.of(List.of(stream(StreamDescriptor.of("users"), 7)));
    try (LogCapture log = LogCapture.of(InputState.class)) {
      InputState matched = state.forCatalog(catalog(PUBLIC_USERS, PUBLIC_ORDERS));
      assertThat(id(matched, PUBLIC_USERS)).isEqualTo(7);
      assertThat(matched.stream(PUBLIC_ORDERS)).isEmpty();
      assertThat(log.warnings()).isEmpty();
      assertThat(log.messages()).singleElement().asString().contains("'users'").contains("public.users");
    }
  }

  @Test
  void anAmbiguousStateWithoutNamespaceIsIgnoredWithAWarningNamingTheCandidates() {
    InputState state = InputState.of(List.of(stream(StreamDescriptor.of("users"), 7)));
    try (LogCapture log = LogCapture.of(InputState.class)) {
      InputState matched = state.forCatalog(catalog(PUBLIC_USERS, SALES_USERS));
      assertThat(matched.stream(PUBLIC_USERS)).isEmpty();
      assertThat(matched.stream(SALES_USERS)).isEmpty();
      assertThat(log.warnings()).singleElement().asString()
          .contains("'users'").contains("public.users").contains("sales.users").contains("namespace");
    }
  }

  @Test
  void aStateForNoConfiguredStreamIsAWarningNamingIt() {
    InputState state = InputState.of(List.of(stream(PUBLIC_USERS, 1), stream(StreamDescriptor.of("ghosts"), 2),
        stream(StreamDescriptor.of("other", "orders"), 3)));
    try (LogCapture log = LogCapture.of(InputState.class)) {
      InputState matched = state.forCatalog(catalog(PUBLIC_USERS, PUBLIC_ORDERS));
      assertThat(id(matched, PUBLIC_USERS)).isEqualTo(1);
      assertThat(matched.stream(PUBLIC_ORDERS)).isEmpty();
      assertThat(log.warnings()).singleElement().asString().contains("'ghosts'").contains("'other.orders'");
    }
  }

  @Test
  void statesWithTheirNamespaceMatchExactlyAndSilently() {
    InputState state = InputState.of(List.of(stream(PUBLIC_USERS, 1), stream(SALES_USERS, 2)));
    try (LogCapture log = LogCapture.of(InputState.class)) {
      InputState matched = state.forCatalog(catalog(PUBLIC_USERS, SALES_USERS));
      assertThat(id(matched, PUBLIC_USERS)).isEqualTo(1);
      assertThat(id(matched, SALES_USERS)).isEqualTo(2);
      assertThat(log.messages()).isEmpty();
    }
  }

  @Test
  void theStateWithTheNamespaceWinsOverOneWithout() {
    InputState state = InputState.of(List.of(stream(StreamDescriptor.of("users"), 9), stream(PUBLIC_USERS, 1)));
    try (LogCapture log = LogCapture.of(InputState.class)) {
      assertThat(id(state.forCatalog(catalog(PUBLIC_USERS)), PUBLIC_USERS)).isEqualTo(1);
      assertThat(log.warnings()).singleElement().asString().contains("'users'").contains("public.users");
    }
  }

  @Test
  void globalStreamStatesWithoutNamespaceAreMatchedToo() {
    JsonNode shared = Json.object().put("lsn", 42);
    InputState state = InputState.of(List.of(AirbyteStateMessage.ofGlobal(shared,
        List.of(StreamState.of(StreamDescriptor.of("users"), Json.object().put("id", 5))))));
    InputState matched = state.forCatalog(catalog(PUBLIC_USERS, PUBLIC_ORDERS));
    assertThat(id(matched, PUBLIC_USERS)).isEqualTo(5);
    assertThat(matched.global().orElseThrow().sharedState()).isEqualTo(shared);
    assertThat(matched.global().orElseThrow().streamStates()).singleElement()
        .satisfies(s -> assertThat(s.streamDescriptor()).isEqualTo(PUBLIC_USERS));
  }
}
