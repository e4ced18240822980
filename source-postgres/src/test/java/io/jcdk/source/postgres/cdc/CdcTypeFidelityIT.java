package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same values give the same JSON whether a row came from the snapshot (JDBC, text format) or
 * from the WAL (pgoutput, text format), for every type the mapping covers.
 */
class CdcTypeFidelityIT {

  private static final String COLUMNS = """
      id int PRIMARY KEY,
      c_int2 int2, c_int4 int4, c_int8 int8, c_oid oid,
      c_numeric numeric, c_numeric_scaled numeric(12,3), c_numeric_int numeric(10,0),
      c_float4 float4, c_float8 float8, c_money money, c_bool bool,
      c_text text, c_varchar varchar(20), c_char char(5), c_name name, c_bytea bytea, c_uuid uuid,
      c_json json, c_jsonb jsonb,
      c_date date, c_time time, c_timetz timetz, c_timestamp timestamp(6), c_timestamptz timestamptz,
      c_interval interval,
      c_int_array int[], c_text_array text[], c_2d int[][], c_ts_array timestamptz[], c_num_array numeric[],
      c_bytea_array bytea[], c_box_array box[],
      c_enum mood, c_enum_array mood[], c_domain positive_int, c_domain_text short_text,
      c_point point, c_line line, c_lseg lseg, c_box box, c_path path, c_polygon polygon, c_circle circle,
      c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,
      c_bit bit(4), c_varbit varbit, c_xml xml, c_tsvector tsvector, c_int4range int4range""";

  private static final List<String> ROWS = List.of(
      """
      1, 1, -2147483648, 9223372036854775807, 4000000000,
      123456789012345678901234567890.123456789, -12.345, 42,
      1.5, 3.141592653589793, '1234.56', true,
      'caf\u00e9 "quoted" \\ back\\slash, tab\t and \u2603', 'varchar', 'ab', 'name', '\\xdeadbeef00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '{"a": [1, 2, {"b": null}]}', '{"z": 1, "a": "x"}',
      '2024-02-29', '13:45:30.123456', '13:45:30+05:30', '2024-02-29 13:45:30.5', '2024-02-29 13:45:30.123456+02',
      '1 year 2 mons 3 days 04:05:06.789',
      '{1,NULL,3}', '{"a b","c\\"d",NULL,"NULL"}', '{{1,2},{3,4}}', '{"2024-01-01 00:00:00+00","infinity"}', '{1.5,NaN}',
      '{"\\\\x00ff"}', '{(1,2),(0,0);(3,3),(1,1)}',
      'happy', '{sad,happy}', 7, 'short',
      '(1.5,2)', '{1,-1,0}', '[(0,0),(1,1)]', '(3,3),(1,1)', '[(0,0),(1,1),(2,0)]', '((0,0),(1,1),(1,0))', '<(0,0),2>',
      '192.168.1.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05',
      B'1010', B'10', '<a>x</a>', 'a fat cat', '[1,10)'""",
      """
      2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL""",
      """
      3, -32768, 0, -9223372036854775808, 0,
      'NaN', 0.000, -1,
      'Infinity', '-Infinity', '-1.00', false,
      '', '', '', '', '\\x', '00000000-0000-0000-0000-000000000000',
      '[]', '{}',
      '0044-03-15 BC', '24:00:00', '00:00:00-12', 'infinity', '-infinity',
      '-1 days -00:00:01',
      '{}', '{""}', '{{NULL}}', '{}', '{-1e-5}',
      '{}', '{}',
      'sad', '{}', 1, '',
      '(0,0)', '{0,1,0}', '[(0,0),(0,0)]', '(0,0),(0,0)', '((0,0))', '((0,0))', '<(0,0),0>',
      '::1', '::/0', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00',
      B'0000', B'', '', '', 'empty'""",
      """
      4, 0, 0, 0, 0, 'Infinity', NULL, 0, 'NaN', 1e-300, '0', true,
      'x', 'x', 'x', 'x', '\\x00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'null', 'null',
      '294276-12-31', '00:00:00', '23:59:59.999999+14', '294276-12-31 23:59:59.999999', '4713-01-01 00:00:00+00 BC',
      '178000000 years',
      '[0:1]={7,8}', '{"\u00e9"}', '{}', '{NULL}', '{Infinity,-Infinity}',
      '{NULL}', '{NULL}',
      'happy', '{NULL}', 2147483647, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL""");

  private static CdcTestDatabase db;

  @BeforeAll
  static void start() {
    db = CdcTestDatabase.create();
    db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
        "CREATE DOMAIN positive_int AS int CHECK (VALUE > 0)",
        "CREATE DOMAIN short_text AS varchar(10)",
        "CREATE TABLE types (" + COLUMNS + ")",
        "CREATE PUBLICATION types_pub FOR TABLE types",
        "SELECT pg_create_logical_replication_slot('types_slot', 'pgoutput')");
    for (String row : ROWS) {
      db.execute("INSERT INTO types VALUES (" + row + ")");
    }
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void everyMappedTypeHasTheSameJsonFromTheSnapshotAndFromTheWal() {
    RecordingContext snapshot = sync(null);
    GlobalState state = snapshot.lastState();
    db.execute("INSERT INTO types SELECT id + 100, " + otherColumns() + " FROM types WHERE id < 100");

    RecordingContext wal = sync(state);

    Map<Integer, JsonNode> fromSnapshot = byId(snapshot, 0);
    Map<Integer, JsonNode> fromWal = byId(wal, 100);
    assertThat(fromSnapshot).hasSize(ROWS.size());
    assertThat(fromWal.keySet()).isEqualTo(fromSnapshot.keySet());
    for (int id : fromSnapshot.keySet()) {
      assertThat(fromWal.get(id)).as("row %d", id).isEqualTo(fromSnapshot.get(id));
    }
    JsonNode first = fromSnapshot.get(1);
    assertThat(first.get("c_timestamptz").asText()).isEqualTo("2024-02-29T11:45:30.123456Z");
    assertThat(first.get("c_money").isNumber()).isTrue();
    assertThat(first.get("c_int_array").toString()).isEqualTo("[1,null,3]");
    assertThat(first.get("c_numeric").decimalValue()).isEqualByComparingTo("123456789012345678901234567890.123456789");
    assertThat(fromSnapshot.get(3).get("c_numeric").asText()).isEqualTo("NaN");
    assertThat(fromSnapshot.get(2).get("c_text").isNull()).isTrue();
  }

  private static String otherColumns() {
    StringBuilder s = new StringBuilder();
    for (String line : COLUMNS.split(",")) {
      String name = line.trim().split("\\s+")[0];
      if (!name.equals("id") && name.startsWith("c_")) {
        s.append(s.length() == 0 ? "" : ", ").append(name);
      }
    }
    return s.toString();
  }

  /** Parses with numbers kept exact: a double would hide a difference in the 17th digit. */
  private static JsonNode exact(byte[] json) {
    try {
      return EXACT.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper EXACT = io.jcdk.protocol.Json.mapper().copy()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private static RecordingContext sync(GlobalState prior) {
    RecordingContext context = new RecordingContext(prior);
    new CdcReader(CdcFixtures.config("types_slot", "types_pub"), CdcFixtures.connections(db), 0)
        .read(List.of(CdcFixtures.stream("types")), context);
    return context;
  }

  /** The inserted rows of a sync by id (less {@code offset}), without id and CDC fields. */
  private static Map<Integer, JsonNode> byId(RecordingContext context, int offset) {
    Map<Integer, JsonNode> rows = new HashMap<>();
    for (RecordingContext.Emitted r : context.records) {
      ObjectNode row = (ObjectNode) exact(r.data().bytes());
      if (!row.get("_ab_cdc_deleted_at").isNull() || row.get("id").asInt() < offset) {
        continue;
      }
      int id = row.remove("id").asInt() - offset;
      row.remove(List.of("_ab_cdc_lsn", "_ab_cdc_updated_at", "_ab_cdc_deleted_at"));
      rows.put(id, row);
    }
    return rows;
  }
}
