package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.Json;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.postgres.PgType.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mapped type, read through full refresh, cursor incremental and xmin, gives the JSON of the
 * documented mapping (docs/source-postgres.md), and the converter agrees with PostgreSQL's own
 * renderings (ISO intervals, timestamptz in any session time zone).
 */
class TypeFidelityIT {

  private record Case(String column, String type, String literal, String expectedJson, String schemaType) {}

  private static final List<Case> CASES = List.of(
      new Case("c_int2", "smallint", "-32768", "-32768", "integer"),
      new Case("c_int4", "integer", "2147483647", "2147483647", "integer"),
      new Case("c_int8", "bigint", "-9223372036854775808", "-9223372036854775808", "integer"),
      new Case("c_numeric_scale", "numeric(12,4)", "12345678.9000", "12345678.9000", "number"),
      new Case("c_numeric_int", "numeric(20,0)", "12345678901234567890", "12345678901234567890", "integer"),
      new Case("c_numeric_big", "numeric", "0.000000000000000000001234", "0.000000000000000000001234", "number"),
      new Case("c_numeric_nan", "numeric", "'NaN'", "\"NaN\"", "number"),
      new Case("c_numeric_inf", "numeric", "'-Infinity'", "\"-Infinity\"", "number"),
      new Case("c_float4", "real", "1.1", "1.1", "number"),
      new Case("c_float8", "double precision", "1e308", "1e+308", "number"),
      new Case("c_float_nan", "double precision", "'NaN'", "\"NaN\"", "number"),
      new Case("c_float_inf", "real", "'Infinity'", "\"Infinity\"", "number"),
      new Case("c_float_ninf", "double precision", "'-Infinity'", "\"-Infinity\"", "number"),
      new Case("c_money", "money", "-1234.5", "-1234.50", "number"),
      new Case("c_bool", "boolean", "true", "true", "boolean"),
      new Case("c_text", "text", "E'quote \" backslash \\\\ newline \\n tab \\t ünï 😀'",
          "\"quote \\\" backslash \\\\ newline \\n tab \\t ünï 😀\"", "string"),
      new Case("c_varchar", "varchar(20)", "'short'", "\"short\"", "string"),
      new Case("c_char", "char(5)", "'ab'", "\"ab   \"", "string"),
      new Case("c_bytea", "bytea", "'\\x00ff7f'", "\"AP9/\"", "string"),
      new Case("c_uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
          "\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"", "string"),
      new Case("c_json", "json", "'{\"a\": [1, 2]}'", "\"{\\\"a\\\": [1, 2]}\"", "string"),
      new Case("c_jsonb", "jsonb", "'{\"b\":{\"c\":null}}'", "\"{\\\"b\\\": {\\\"c\\\": null}}\"", "string"),
      new Case("c_date", "date", "'2024-02-29'", "\"2024-02-29\"", "string"),
      new Case("c_date_bc", "date", "'0044-03-15 BC'", "\"-0043-03-15\"", "string"),
      new Case("c_date_inf", "date", "'infinity'", "\"infinity\"", "string"),
      new Case("c_time", "time", "'13:14:15.123456'", "\"13:14:15.123456\"", "string"),
      new Case("c_timetz", "timetz", "'13:14:15+05:30'", "\"13:14:15+05:30\"", "string"),
      new Case("c_timestamp", "timestamp", "'2024-01-02 03:04:05.123456'", "\"2024-01-02T03:04:05.123456\"",
          "string"),
      new Case("c_timestamp_ninf", "timestamp", "'-infinity'", "\"-infinity\"", "string"),
      new Case("c_timestamptz", "timestamptz", "'2024-01-02 03:04:05.5+02'", "\"2024-01-02T01:04:05.5Z\"",
          "string"),
      new Case("c_timestamptz_inf", "timestamptz", "'infinity'", "\"infinity\"", "string"),
      new Case("c_interval", "interval", "'1 year 2 months 3 days 04:05:06.5'", "\"P1Y2M3DT4H5M6.5S\"", "string"),
      new Case("c_interval_neg", "interval", "'-1 year 3 days -00:00:01'", "\"P-1Y3DT-1S\"", "string"),
      new Case("c_int_array", "integer[]", "'{1,NULL,-3}'", "[1,null,-3]", "array"),
      new Case("c_int_matrix", "integer[][]", "'{{1,2},{3,4}}'", "[[1,2],[3,4]]", "array"),
      new Case("c_text_array", "text[]", "ARRAY['a b', NULL, 'c\"d', 'NULL', '']",
          "[\"a b\",null,\"c\\\"d\",\"NULL\",\"\"]", "array"),
      new Case("c_numeric_array", "numeric[]", "'{1.50,NaN}'", "[1.50,\"NaN\"]", "array"),
      new Case("c_tstz_array", "timestamptz[]", "ARRAY['2024-01-01 00:00:00+01'::timestamptz]",
          "[\"2023-12-31T23:00:00Z\"]", "array"),
      new Case("c_bytea_array", "bytea[]", "ARRAY['\\x01'::bytea, NULL]", "[\"AQ==\",null]", "array"),
      new Case("c_date_array", "date[]", "'{2024-01-01,infinity}'", "[\"2024-01-01\",\"infinity\"]", "array"),
      new Case("c_bool_array", "boolean[]", "'{t,f}'", "[true,false]", "array"),
      new Case("c_jsonb_array", "jsonb[]", "ARRAY['{\"x\":1}'::jsonb]", "[\"{\\\"x\\\": 1}\"]", "array"),
      new Case("c_enum", "mood", "'happy'", "\"happy\"", "string"),
      new Case("c_enum_array", "mood[]", "'{sad,happy}'", "[\"sad\",\"happy\"]", "array"),
      new Case("c_domain", "positive_int", "7", "7", "integer"),
      new Case("c_domain_text", "short_text", "'dom'", "\"dom\"", "string"),
      new Case("c_point", "point", "'(1.5,2)'", "\"(1.5,2)\"", "string"),
      new Case("c_line", "line", "'{1,2,3}'", "\"{1,2,3}\"", "string"),
      new Case("c_lseg", "lseg", "'[(0,0),(1,1)]'", "\"[(0,0),(1,1)]\"", "string"),
      new Case("c_box", "box", "'(1,1),(0,0)'", "\"(1,1),(0,0)\"", "string"),
      new Case("c_box_array", "box[]", "ARRAY['(1,1),(0,0)'::box, '(3,3),(2,2)'::box]",
          "[\"(1,1),(0,0)\",\"(3,3),(2,2)\"]", "array"),
      new Case("c_path", "path", "'[(0,0),(1,1)]'", "\"[(0,0),(1,1)]\"", "string"),
      new Case("c_polygon", "polygon", "'((0,0),(1,1),(1,0))'", "\"((0,0),(1,1),(1,0))\"", "string"),
      new Case("c_circle", "circle", "'<(1,1),2>'", "\"<(1,1),2>\"", "string"),
      new Case("c_inet", "inet", "'192.168.0.1/24'", "\"192.168.0.1/24\"", "string"),
      new Case("c_cidr", "cidr", "'10.0.0.0/8'", "\"10.0.0.0/8\"", "string"),
      new Case("c_macaddr", "macaddr", "'08:00:2b:01:02:03'", "\"08:00:2b:01:02:03\"", "string"),
      new Case("c_macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'", "\"08:00:2b:01:02:03:04:05\"", "string"),
      new Case("c_bit", "bit(4)", "B'1010'", "\"1010\"", "string"),
      new Case("c_varbit", "bit varying(8)", "B'101'", "\"101\"", "string"),
      new Case("c_xml", "xml", "'<a>1</a>'", "\"<a>1</a>\"", "string"),
      new Case("c_tsvector", "tsvector", "'a fat cat'", "\"'a' 'cat' 'fat'\"", "string"),
      new Case("c_oid", "oid", "4294967295", "4294967295", "integer"));

  private static TestPostgres db;
  private static AirbyteCatalog catalog;

  @BeforeAll
  static void createTable() {
    db = TestPostgres.create("types");
    String columns = CASES.stream().map(c -> c.column + " " + c.type).collect(Collectors.joining(", "));
    String values = CASES.stream().map(Case::literal).collect(Collectors.joining(", "));
    db.execute(
        "CREATE TYPE mood AS ENUM ('sad', 'happy')",
        "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0)",
        "CREATE DOMAIN short_text AS varchar(10)",
        "CREATE TABLE types (id integer PRIMARY KEY, " + columns + ")",
        "INSERT INTO types VALUES (1, " + values + ")",
        "INSERT INTO types (id) VALUES (2)");
    catalog = new PostgresSource().discover(db.config());
  }

  private static ObjectNode expectedRow() {
    ObjectNode row = Json.object();
    row.put("id", 1);
    for (Case c : CASES) {
      row.set(c.column, Json.parse(c.expectedJson));
    }
    return row;
  }

  private static ObjectNode nullRow() {
    ObjectNode row = Json.object();
    row.put("id", 2);
    for (Case c : CASES) {
      row.putNull(c.column);
    }
    return row;
  }

  @Test
  void discoverMapsEveryTypeToItsDocumentedSchema() {
    JsonNode properties = Catalogs.stream(catalog, "types").jsonSchema().get("properties");
    assertThat(properties.get("id").get("type").asText()).isEqualTo("integer");
    for (Case c : CASES) {
      JsonNode type = properties.get(c.column).get("type");
      assertThat(type.isArray() ? type.get(1).asText() : type.asText()).as(c.column).isEqualTo(c.schemaType);
    }
    assertThat(properties.get("c_bytea").get("contentEncoding").asText()).isEqualTo("base64");
    assertThat(properties.get("c_timestamptz").get("airbyte_type").asText()).isEqualTo("timestamp_with_timezone");
    assertThat(properties.get("c_timestamp").get("airbyte_type").asText()).isEqualTo("timestamp_without_timezone");
    assertThat(properties.get("c_timetz").get("airbyte_type").asText()).isEqualTo("time_with_timezone");
    assertThat(properties.get("c_date").get("format").asText()).isEqualTo("date");
    assertThat(properties.get("c_int_array").get("items").get("type").get(1).asText()).isEqualTo("integer");
  }

  @Test
  void fullRefreshWritesEveryTypeAsDocumented() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.fullRefresh(Catalogs.stream(catalog, "types")),
        List.of(), CheckpointPolicy.DEFAULT).assertSucceeded();
    assertRows(out.records("types"));
  }

  @Test
  void cursorReadWritesTheSameValuesAsFullRefresh() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.incremental(Catalogs.stream(catalog, "types"), "id"),
        List.of(), CheckpointPolicy.DEFAULT).assertSucceeded();
    assertRows(out.records("types"));
  }

  @Test
  void xminReadWritesTheSameValuesAsFullRefresh() {
    PostgresConfig xmin = db.config().withReplication(new ReplicationMethod.Xmin());
    AirbyteCatalog xminCatalog = new PostgresSource().discover(xmin);
    SyncOutput out = SyncOutput.read(xmin, Catalogs.incremental(Catalogs.stream(xminCatalog, "types"), null),
        List.of(), CheckpointPolicy.DEFAULT).assertSucceeded();
    assertRows(out.records("types"));
  }

  @Test
  void cdcSnapshotAndStreamWriteTheSameValuesAsFullRefresh() {
    db.execute("CREATE PUBLICATION types_pub FOR TABLE types",
        "SELECT pg_create_logical_replication_slot('types_slot', 'pgoutput')");
    PostgresConfig cdc = db.config().withReplication(
        CdcConfig.of("types_slot", "types_pub").withInitialWaiting(Duration.ofSeconds(5)));
    AirbyteCatalog cdcCatalog = new PostgresSource().discover(cdc);
    var configured = Catalogs.incremental(Catalogs.stream(cdcCatalog, "types"), null);
    SyncOutput snapshot = SyncOutput.read(cdc, configured, List.of(), CheckpointPolicy.DEFAULT).assertSucceeded();
    assertRows(withoutCdcFields(snapshot.records("types")));

    String columns = CASES.stream().map(Case::column).collect(Collectors.joining(", "));
    db.execute("INSERT INTO types (id, " + columns + ") SELECT 3, " + columns + " FROM types WHERE id = 1",
        "INSERT INTO types (id) VALUES (4)");
    try {
      SyncOutput streamed = SyncOutput.read(cdc, configured, snapshot.states(), CheckpointPolicy.DEFAULT)
          .assertSucceeded();
      List<JsonNode> changes = withoutCdcFields(streamed.records("types")).stream()
          .map(r -> (JsonNode) ((ObjectNode) r.deepCopy()).put("id", r.get("id").asInt() - 2)).toList();
      assertRows(changes);
    } finally {
      db.execute("DELETE FROM types WHERE id > 2", "SELECT pg_drop_replication_slot('types_slot')");
    }
  }

  private static List<JsonNode> withoutCdcFields(List<JsonNode> records) {
    return records.stream().map(r -> {
      ObjectNode copy = r.deepCopy();
      copy.remove(List.of("_ab_cdc_lsn", "_ab_cdc_updated_at", "_ab_cdc_deleted_at"));
      return (JsonNode) copy;
    }).toList();
  }

  private static void assertRows(List<JsonNode> records) {
    List<JsonNode> sorted = new ArrayList<>(records);
    sorted.sort((a, b) -> Integer.compare(a.get("id").asInt(), b.get("id").asInt()));
    assertThat(sorted).hasSize(2);
    ObjectNode expected = expectedRow();
    for (Case c : CASES) {
      assertThat(sorted.get(0).get(c.column)).as(c.column + " " + c.type).isEqualTo(expected.get(c.column));
    }
    assertThat(sorted.get(0)).isEqualTo(expected);
    assertThat(sorted.get(1)).isEqualTo(nullRow());
  }

  @Test
  void intervalsInThePostgresStyleConvertToWhatIso8601StyleShows() throws SQLException {
    String values = "VALUES ('0'::interval), ('1 year'), ('-1 year -2 months'), ('1 mon -1 day'),"
        + " ('3 days 04:05:06.789'), ('-00:00:00.5'), ('1000 hours'), ('-1 days +02:03:04'),"
        + " ('178000000 years'), ('1 day -00:00:01.000001'), ('-59 seconds'), ('00:01:00')";
    List<String> postgres = column(values, "SET IntervalStyle = postgres");
    List<String> iso = column(values, "SET IntervalStyle = iso_8601");
    PgType interval = PgType.of(1186, "interval", Kind.INTERVAL);
    for (int i = 0; i < postgres.size(); i++) {
      assertThat(PgValueConverterTest.json(interval, postgres.get(i))).as(postgres.get(i))
          .isEqualTo("\"" + iso.get(i) + "\"");
    }
  }

  @Test
  void timestamptzIsTheSameInstantWhateverTheSessionTimeZone() throws SQLException {
    String values = "VALUES ('2024-03-10 01:59:59.999999+00'::timestamptz), ('1900-01-01 00:00:00+00'),"
        + " ('0044-03-15 12:00:00+00 BC'), ('2262-04-11 23:47:16.854775+00'), ('1970-01-01 00:00:00+00')";
    PgType tstz = PgType.of(1184, "timestamptz", Kind.TIMESTAMPTZ);
    List<String> utc = column(values, "SET TimeZone = 'UTC'");
    for (String zone : List.of("Asia/Kolkata", "America/St_Johns", "Europe/Amsterdam", "Pacific/Chatham")) {
      List<String> local = column(values, "SET TimeZone = '" + zone + "'");
      for (int i = 0; i < utc.size(); i++) {
        assertThat(PgValueConverterTest.json(tstz, local.get(i))).as(zone + " " + local.get(i))
            .isEqualTo(PgValueConverterTest.json(tstz, utc.get(i)));
      }
    }
  }

  private static List<String> column(String values, String setting) throws SQLException {
    List<String> texts = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(setting);
      try (ResultSet rs = s.executeQuery("SELECT column1::text FROM (" + values + ") v")) {
        while (rs.next()) {
          texts.add(rs.getString(1));
        }
      }
    }
    return texts;
  }
}
