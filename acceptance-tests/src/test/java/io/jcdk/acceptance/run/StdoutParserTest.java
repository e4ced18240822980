package io.jcdk.acceptance.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StdoutParserTest {

  private final StdoutParser parser = new StdoutParser(Map.of("password", "hunter2-secret"));

  @Test
  void validMessageBecomesAnOutputLine() {
    OutputLine line = parser.accept(1, "{\"type\":\"LOG\",\"log\":{\"level\":\"INFO\",\"message\":\"hi\"}}");

    assertThat(line.message().type()).isEqualTo(AirbyteMessage.Type.LOG);
    assertThat(parser.violations()).isEmpty();
  }

  @Test
  void strayTextIsAViolationThatQuotesTheLine() {
    parser.accept(7, "Starting connector...");

    assertThat(parser.violations()).singleElement().hasToString(
        "stdout line 7: is not a protocol message (not a JSON object): 'Starting connector...'; "
            + "print logs to stderr or as LOG messages");
  }

  @Test
  void schemaViolationNamesTheField() {
    parser.accept(2, "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ERROR\",\"emitted_at\":1,"
        + "\"error\":{\"message\":\"x\",\"failure_type\":\"oops\"}}}");

    assertThat(parser.violations()).singleElement().asString()
        .contains("violates the protocol schema").contains("failure_type");
  }

  @Test
  void messageWithoutThePayloadItsTypeNamesIsAViolation() {
    parser.accept(3, "{\"type\":\"RECORD\"}");

    assertThat(parser.violations()).singleElement().asString().contains("needs an object 'record'");
  }

  @Test
  void secretValueIsFlaggedWithoutBeingQuoted() {
    parser.accept(4, "{\"type\":\"LOG\",\"log\":{\"level\":\"INFO\",\"message\":\"connecting with hunter2-secret\"}}");

    assertThat(parser.violations()).singleElement().asString()
        .contains("secret config field 'password'").doesNotContain("hunter2-secret");
  }

  @Test
  void longLinesAreQuotedShort() {
    parser.accept(5, "x".repeat(10_000));

    assertThat(parser.violations()).singleElement().asString().contains("(10000 characters)").hasSizeLessThan(400);
  }

  @Test
  void emptyLineIsAViolation() {
    parser.accept(6, "");

    assertThat(parser.violations()).singleElement().asString().contains("is empty");
  }
}
