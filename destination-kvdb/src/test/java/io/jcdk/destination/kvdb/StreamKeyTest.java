package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamKeyTest {

  @Test
  void namespaceAndNameAreJoinedWithASlash() {
    assertThat(StreamKey.of("public", "users").encoded()).isEqualTo("public/users");
    assertThat(StreamKey.of(null, "users").encoded()).isEqualTo("users");
  }

  @Test
  void separatorsAndPercentAreEscapedSoDifferentStreamsNeverShareAKey() {
    assertThat(StreamKey.of("a", "b").encoded()).isNotEqualTo(StreamKey.of(null, "a/b").encoded());
    assertThat(StreamKey.of(null, "a/b").encoded()).isEqualTo("a%2Fb");
    assertThat(StreamKey.of("x:y", "100%").encoded()).isEqualTo("x%3Ay/100%25");
    assertThat(StreamKey.of("", "users").encoded()).isEqualTo("/users");
  }

  @Test
  void encodedKeysNeverContainTheKeyPartSeparator() {
    assertThat(StreamKey.of("ns:1", "s:2\n").encoded()).doesNotContain(":").doesNotContain("\n")
        .isEqualTo("ns%3A1/s%3A2%0A");
  }

  @Test
  void unicodeStaysReadable() {
    assertThat(StreamKey.of("données", "客户").encoded()).isEqualTo("données/客户");
  }
}
