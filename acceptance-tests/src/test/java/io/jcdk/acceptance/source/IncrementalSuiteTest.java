package io.jcdk.acceptance.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.run.OutputLine;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalSuiteTest {

  @Test
  void sampleSpreadsOverAllStatesIncludingFirstAndLast() {
    assertThat(IncrementalSuite.sample(3, 5)).containsExactly(0, 1, 2);
    assertThat(IncrementalSuite.sample(100, 5)).containsExactly(0, 24, 49, 74, 99);
    assertThat(IncrementalSuite.sample(7, 1)).containsExactly(0);
  }

  @Test
  void stateAtAPointIsTheLatestStateOfEachStreamSoFar() {
    List<OutputLine> states = List.of(
        line(1, "users", 1), line(2, "orders", 1), line(3, "users", 2), line(4, "orders", 2));

    assertThat(IncrementalSuite.stateAt(states, 2).toString())
        .contains("\"name\":\"users\"},\"stream_state\":{\"n\":2}")
        .contains("\"name\":\"orders\"},\"stream_state\":{\"n\":1}")
        .doesNotContain("{\"n\":1}}},{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"users\"");
  }

  private static OutputLine line(long number, String stream, int n) {
    return new OutputLine(number, AirbyteMessage.of(
        AirbyteStateMessage.ofStream(StreamDescriptor.of(stream), Json.object().put("n", n))));
  }
}
