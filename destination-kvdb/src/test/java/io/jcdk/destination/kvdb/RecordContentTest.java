package io.jcdk.destination.kvdb;

import static io.jcdk.destination.kvdb.Lines.catalog;
import static io.jcdk.destination.kvdb.Lines.input;
import static io.jcdk.destination.kvdb.Lines.record;
import static io.jcdk.destination.kvdb.Lines.state;
import static io.jcdk.destination.kvdb.Lines.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.Json;
import io.jcdk.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordContentTest {

  @TempDir Path dir;
  private Kvdb kvdb;

  @BeforeEach
  void setUp() {
    kvdb = Kvdb.embedded(dir);
  }

  @Test
  void lineBreaksQuotesAndUnicodeArriveByteForByte() {
    String data = "{\"id\":\"ключ-🔑\",\"text\":\"line1\\nline2\\r\\n\\ttab \\\"quoted\\\" \\u0000 é 中文 😀\"}";
    kvdb.write(catalog(stream("données", "notes", "append_dedup", "id")), input(record("données", "notes", data)));

    List<JsonNode> dumped = kvdb.dump("données", "notes");
    assertThat(dumped).hasSize(1);
    assertThat(dumped.get(0).get("key").toString()).isEqualTo("[\"ключ-🔑\"]");
    assertThat(dumped.get(0).get("value")).isEqualTo(Json.parse(data));
    assertThat(dumped.get(0).get("value").get("text").asText()).isEqualTo("line1\nline2\r\n\ttab \"quoted\" \u0000 é 中文 😀");
  }

  /**
   * Input a reader could take for something else is refused with its line: an overlong '/' (dump
   * showed it as "/"), a key twice (stored under the last one), data that is not an object.
   */
  @Test
  void inputThatCouldBeMisreadIsRefusedNamingItsLine() {
    String catalog = catalog(stream(null, "users", "append_dedup", "id"));
    byte[] first = input(record(null, "users", "{\"id\":0}"), state(null, "users", "{\"n\":1}")).getBytes(StandardCharsets.UTF_8);
    byte[] overlong = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":{\"id\":1,\"p\":\"a__b\"}}}\n"
        .getBytes(StandardCharsets.UTF_8);
    int at = new String(overlong, StandardCharsets.UTF_8).indexOf("__");
    overlong[at] = (byte) 0xc0;
    overlong[at + 1] = (byte) 0xaf;
    Map<String, byte[]> inputs = Map.of(
        "line 3: invalid UTF-8 at byte 66 of the line: C0 AF", concat(first, overlong),
        "line 3: malformed JSON: Duplicate field 'id'", concat(first,
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":{\"id\":1,\"id\":2}}}\n".getBytes(StandardCharsets.UTF_8)),
        "line 3: a RECORD's data must be a JSON object, found array", concat(first,
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":[{\"id\":1}]}}\n".getBytes(StandardCharsets.UTF_8)));
    for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
      CliRun run = kvdb.write(catalog, input.getValue());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.ofType(AirbyteMessage.Type.TRACE).get(0).trace().error().message()).contains(input.getKey());
      assertThat(kvdb.dump(null, "users")).extracting(e -> e.get("key").toString()).containsExactly("[0]");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void tenMegabyteValuesAreStoredWhole() {
    String big = "é\n".repeat(5 * 1024 * 1024 / 2) + "end"; // 5 Mi characters, 10 MB of JSON text
    ObjectNode data = Json.object().put("id", 1).put("blob", big);
    CliRun run = kvdb.write(catalog(stream(null, "files", "append_dedup", "id"), stream(null, "log", "append")), input(
        record(null, "files", data), record(null, "log", data), record(null, "log", "{\"after\":true}"),
        state(null, "log", "{\"n\":2}")));

    assertThat(run.exitCode()).isZero();
    assertThat(run.timeline()).containsExactly("STATE log 2.0");
    assertThat(Json.write(data).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(10_000_000);
    assertThat(kvdb.dump(null, "files").get(0).get("value")).isEqualTo(data);
    List<JsonNode> log = kvdb.dump(null, "log");
    assertThat(log.get(0).get("value").get("blob").asText()).isEqualTo(big);
    assertThat(log.get(1).get("value")).isEqualTo(Json.parse("{\"after\":true}"));
  }

  @Test
  void fieldsThatAppearMidStreamAreKept() {
    kvdb.write(catalog(stream(null, "users", "append_dedup", "id"), stream(null, "events", "append")), input(
        record(null, "users", "{\"id\":1}"),
        record(null, "events", "{\"e\":1}"),
        record(null, "users", "{\"id\":2,\"email\":\"b@x\"}"),
        record(null, "events", "{\"e\":2,\"nested\":{\"new\":[1,2]}}"),
        record(null, "users", "{\"id\":1,\"email\":\"a@x\",\"age\":30}")));

    assertThat(kvdb.dump(null, "users")).extracting(Object::toString).containsExactlyInAnyOrder(
        "{\"key\":[1],\"value\":{\"id\":1,\"email\":\"a@x\",\"age\":30}}",
        "{\"key\":[2],\"value\":{\"id\":2,\"email\":\"b@x\"}}");
    assertThat(kvdb.dump(null, "events")).extracting(Object::toString).containsExactly(
        "{\"key\":0,\"value\":{\"e\":1}}", "{\"key\":1,\"value\":{\"e\":2,\"nested\":{\"new\":[1,2]}}}");
  }

  @Test
  void manyInterleavedStreamsEachGetTheirOwnRecords() {
    int streams = 60;
    List<ObjectNode> configured = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      configured.add(stream("ns" + (s % 3), "s" + s, s % 2 == 0 ? "append" : "append_dedup", "id"));
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (int s = 0; s < streams; s++) {
        lines.add(record("ns" + (s % 3), "s" + s, "{\"id\":" + (i % 10) + ",\"i\":" + i + ",\"s\":" + s + "}"));
      }
      if (i % 7 == 0) {
        lines.add(state("ns0", "s0", "{\"i\":" + i + "}"));
      }
    }
    CliRun run = kvdb.write(catalog(configured.toArray(ObjectNode[]::new)), input(lines));

    assertThat(run.exitCode()).isZero();
    List<JsonNode> stats = kvdb.stats();
    assertThat(stats).hasSize(streams);
    for (JsonNode line : stats) {
      int s = Integer.parseInt(line.get("stream").asText().substring(1));
      assertThat(line.get("namespace").asText()).isEqualTo("ns" + (s % 3));
      assertThat(line.get("entries").asLong()).as(line.toString()).isEqualTo(s % 2 == 0 ? 20 : 10);
    }
    assertThat(kvdb.dump("ns1", "s1")).allSatisfy(e -> assertThat(e.get("value").get("s").asInt()).isEqualTo(1))
        .allSatisfy(e -> assertThat(e.get("value").get("i").asInt()).isGreaterThanOrEqualTo(10));
  }

  @Test
  void theSameStreamNameInDifferentNamespacesStaysApart() {
    kvdb.write(catalog(stream("eu", "users", "append"), stream("us", "users", "append"), stream(null, "users", "append")),
        input(record("eu", "users", "{\"from\":\"eu\"}"), record("us", "users", "{\"from\":\"us\"}"),
            record(null, "users", "{\"from\":\"none\"}")));

    assertThat(kvdb.dump("eu", "users")).extracting(e -> e.get("value").get("from").asText()).containsExactly("eu");
    assertThat(kvdb.dump("us", "users")).extracting(e -> e.get("value").get("from").asText()).containsExactly("us");
    assertThat(kvdb.dump(null, "users")).extracting(e -> e.get("value").get("from").asText()).containsExactly("none");
    assertThat(kvdb.stats()).extracting(Object::toString).containsExactly(
        "{\"stream\":\"users\",\"layout\":\"append\",\"generation\":1,\"entries\":1}",
        "{\"namespace\":\"eu\",\"stream\":\"users\",\"layout\":\"append\",\"generation\":1,\"entries\":1}",
        "{\"namespace\":\"us\",\"stream\":\"users\",\"layout\":\"append\",\"generation\":1,\"entries\":1}");
  }

  @Test
  void aMissingPrimaryKeyValueFailsTheSyncWithoutConfirmingLaterStates() {
    CliRun run = kvdb.write(catalog(stream(null, "users", "append_dedup", "id")), input(
        record(null, "users", "{\"id\":1}"), state(null, "users", "{\"n\":1}"),
        record(null, "users", "{\"name\":\"no id\"}"), state(null, "users", "{\"n\":2}")));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("STATE users 1.0", "TRACE ERROR config_error");
    assertThat(run.ofType(io.jcdk.protocol.AirbyteMessage.Type.TRACE).get(0).trace().error().message())
        .contains("has no value for its primary key field id");
  }
}
