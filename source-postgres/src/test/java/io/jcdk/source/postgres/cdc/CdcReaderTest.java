package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdcReaderTest {

  @Test
  void publicationNamesAreQuotedAsIdentifiersInsideTheStringLiteral() {
    assertThat(CdcReader.publicationOption("pub")).isEqualTo("\"pub\"");
    assertThat(CdcReader.publicationOption("My Pub, \"x\"")).isEqualTo("\"My Pub, \"\"x\"\"\"");
    assertThat(CdcReader.publicationOption("it's")).as("pgjdbc adds the single quotes").isEqualTo("\"it''s\"");
  }
}
