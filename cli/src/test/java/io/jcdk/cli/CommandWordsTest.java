package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandWordsTest {

  @Test
  void splitsOnWhitespaceAndKeepsQuotedWordsTogether() {
    assertThat(CommandWords.split("java  -Dx=\"a b\" -jar 'my connector.jar'"))
        .containsExactly("java", "-Dx=a b", "-jar", "my connector.jar");
  }

  @Test
  void unbalancedQuoteIsAnError() {
    assertThatThrownBy(() -> CommandWords.split("java -jar 'x.jar")).hasMessageContaining("unbalanced quote");
  }
}
