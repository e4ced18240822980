package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

  @Test
  void parsesAndPrintsPostgresNotation() {
    Lsn lsn = Lsn.parse("16/B374D848");

    assertThat(lsn.value()).isEqualTo(0x16_B374D848L);
    assertThat(lsn).hasToString("16/B374D848");
    assertThat(Lsn.parse("0/0")).isEqualTo(Lsn.INVALID);
    assertThat(Lsn.INVALID.isValid()).isFalse();
  }

  @Test
  void comparesAsUnsigned() {
    Lsn high = Lsn.parse("FFFFFFFF/0");
    Lsn low = Lsn.parse("1/0");

    assertThat(high).isGreaterThan(low);
    assertThat(low.isBefore(high)).isTrue();
    assertThat(Lsn.max(low, high)).isEqualTo(high);
  }

  @Test
  void rejectsTextThatIsNoLsnNamingIt() {
    assertThatThrownBy(() -> Lsn.parse("12345")).hasMessageContaining("12345");
    assertThatThrownBy(() -> Lsn.parse("1/xyz")).hasMessageContaining("1/xyz");
    assertThatThrownBy(() -> Lsn.parse("123456789/0")).hasMessageContaining("8 hex digits");
    assertThatThrownBy(() -> Lsn.parse("/1")).isInstanceOf(IllegalArgumentException.class);
  }
}
