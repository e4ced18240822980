package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.source.postgres.PgType.Kind;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The small value types and rules of the package. */
class SmallPartsTest {

  @Test
  void identifiersAreQuotedWithQuotesDoubled() {
    assertThat(PgIdentifier.quote("My \"Table\"")).isEqualTo("\"My \"\"Table\"\"\"");
    assertThat(PgIdentifier.qualified("a b", "ü")).isEqualTo("\"a b\".\"ü\"");
    assertThat(PgIdentifier.literal("it's \\")).isEqualTo("E'it''s \\\\'");
  }

  @Test
  void numericScaleComesFromTheTypmodIncludingNegativeScales() {
    assertThat(PgColumn.numericScale(-1)).isEqualTo(1);
    assertThat(PgColumn.numericScale(((10 << 16) | 2) + 4)).isEqualTo(2);
    assertThat(PgColumn.numericScale(((10 << 16) | 0) + 4)).isZero();
    assertThat(PgColumn.numericScale(((10 << 16) | (-3 & 0x7ff)) + 4)).isEqualTo(-3);
  }

  @Test
  void nullableColumnsAcceptNull() {
    PgType int4 = PgType.of(23, "int4", Kind.INTEGER);
    assertThat(new PgColumn("a", int4, -1, true).jsonSchema().toString()).isEqualTo("{\"type\":[\"null\",\"integer\"]}");
    assertThat(new PgColumn("a", int4, -1, false).jsonSchema().toString()).isEqualTo("{\"type\":\"integer\"}");
  }

  @Test
  void sqlStatesAreClassifiedIntoTheKitsTaxonomy() {
    assertThat(type("28P01")).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(type("3D000")).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(type("42501")).isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(type("08006")).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(type("57P01")).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(type("42704")).as("a slot or publication that does not exist").isEqualTo(FailureType.CONFIG_ERROR);
    assertThat(type("55006")).as("a slot in use by another connection").isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(new PostgresErrorClassifier().classify(new SQLException("x", "22012"))).isEmpty();
    assertThat(new PostgresErrorClassifier().classify(new RuntimeException(new SQLException("x", "28000"))))
        .map(ConnectorException::failureType).contains(FailureType.CONFIG_ERROR);
  }

  private static FailureType type(String state) {
    return new PostgresErrorClassifier().classify(new SQLException("boom\ndetail", state)).orElseThrow().failureType();
  }

  @Test
  void sessionSettingsAreAppendedToTheUsersOptions() {
    Properties p = new Properties();
    p.setProperty("options", "-c statement_timeout=0");
    PgSessionSettings.applyTo(p);
    assertThat(p.getProperty("options")).startsWith("-c statement_timeout=0 ").endsWith(PgSessionSettings.OPTIONS);
    assertThat(p.getProperty("binaryTransfer")).isEqualTo("false");
  }
}
