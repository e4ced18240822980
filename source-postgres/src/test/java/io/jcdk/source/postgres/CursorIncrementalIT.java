package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.testing.LogCapture;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cursor incremental reads resume with {@code cursor >= saved}: no row is lost when many rows share
 * a cursor value, wherever a checkpoint or the end of a sync falls.
 */
class CursorIncrementalIT {

  private static final CheckpointPolicy EVERY_100 = new CheckpointPolicy(100, Duration.ofHours(1));

  private static TestPostgres db;

  @BeforeAll
  static void createTables() {
    db = TestPostgres.create("cursor");
    db.execute(
        "CREATE TABLE events (id int PRIMARY KEY, updated_at timestamptz, seq bigint, label text,"
            + " amount numeric, ratio double precision, day date, local_ts timestamp, place point)",
        // 1,000 rows share one timestamp, then 200 rows with distinct later ones.
        "INSERT INTO events SELECT g, '2024-01-01 00:00:00+00', g / 10, 'label ' || lpad(g::text, 5, '0'),"
            + " 1.000000000000000000001 * (g / 7), g / 3.0, DATE '2024-01-01' + g / 100,"
            + " TIMESTAMP '2024-01-01 00:00:00.000001' + g * interval '1 microsecond', point(g, g)"
            + " FROM generate_series(1, 1000) g",
        "INSERT INTO events SELECT g, '2024-01-01 00:00:00+00'::timestamptz + g * interval '1 second', g, 'm' || g,"
            + " g, g, DATE '2024-06-01', TIMESTAMP '2024-06-01', point(0, 0) FROM generate_series(1001, 1200) g",
        "INSERT INTO events (id) VALUES (0)");
  }

  private static AirbyteStream events() {
    return Catalogs.stream(new PostgresSource().discover(db.config()), "events");
  }

  private static Set<Integer> ids(List<JsonNode> records) {
    Set<Integer> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.get("id").asInt()));
    return ids;
  }

  @Test
  void manyRowsSharingACursorValueSurviveACrashMidGroup() {
    SyncOutput crashed = SyncOutput.read(db.config(), Catalogs.incremental(events(), "updated_at"), List.of(),
        EVERY_100, 450);
    assertThat(crashed.failure()).isInstanceOf(SyncOutput.Crash.class);
    JsonNode checkpoint = crashed.lastStreamState();
    assertThat(checkpoint.get("cursor").asText()).isEqualTo("2024-01-01 00:00:00+00");
    assertThat(checkpoint.get("cursor_record_count").asLong()).isEqualTo(400);

    SyncOutput resumed = SyncOutput.read(db.config(), Catalogs.incremental(events(), "updated_at"),
        crashed.states(), EVERY_100).assertSucceeded();
    Set<Integer> all = ids(crashed.records("events"));
    all.addAll(ids(resumed.records("events")));
    // Every row with a cursor; the NULL-cursor row 0 was not reached before the crash.
    assertThat(all).hasSize(1200).doesNotContain(0);
    assertThat(resumed.lastStreamState().get("cursor").asText()).isEqualTo("2024-01-01 00:20:00+00");
  }

  @Test
  void rowsCommittedLaterWithTheLastCursorValueAreReadByTheNextSync() {
    db.execute("CREATE TABLE late (id int, seq int)", "INSERT INTO late SELECT g, g / 10 FROM generate_series(1, 55) g");
    AirbyteStream late = Catalogs.stream(new PostgresSource().discover(db.config()), "late");
    SyncOutput first = SyncOutput.read(db.config(), Catalogs.incremental(late, "seq"), List.of(), EVERY_100)
        .assertSucceeded();
    assertThat(first.records("late")).hasSize(55);
    assertThat(first.lastStreamState().get("cursor").asText()).isEqualTo("5");
    db.execute("INSERT INTO late VALUES (56, 5), (57, 4), (58, 6)");
    SyncOutput second = SyncOutput.read(db.config(), Catalogs.incremental(late, "seq"), first.states(), EVERY_100)
        .assertSucceeded();
    // seq >= 5: the six rows already read with 5 again, the late 5 and the new 6; never the 4.
    assertThat(ids(second.records("late"))).containsExactlyInAnyOrder(50, 51, 52, 53, 54, 55, 56, 58);
  }

  @Test
  void everyCursorTypeResumesExactlyFromItsSavedText() {
    for (String cursor : List.of("seq", "label", "amount", "ratio", "day", "local_ts", "updated_at")) {
      SyncOutput first = SyncOutput.read(db.config(), Catalogs.incremental(events(), cursor), List.of(), EVERY_100)
          .assertSucceeded();
      assertThat(first.records("events")).as(cursor).hasSize(1201);
      JsonNode state = first.lastStreamState();
      assertThat(state.get("cursor").isTextual()).as(cursor).isTrue();
      SyncOutput second = SyncOutput.read(db.config(), Catalogs.incremental(events(), cursor), first.states(),
          EVERY_100).assertSucceeded();
      // Only the rows with the maximum value come again, and the state does not move.
      assertThat(second.records("events")).as(cursor).hasSize((int) state.get("cursor_record_count").asLong());
      assertThat(second.lastStreamState().get("cursor")).as(cursor).isEqualTo(state.get("cursor"));
    }
  }

  @Test
  void textCursorWithQuotesAndBackslashesResumes() {
    db.execute("CREATE TABLE odd_text (id int, label text)",
        "INSERT INTO odd_text VALUES (1, E'a''b\\\\c'), (2, E'a''b\\\\c'), (3, E'a''b\\\\d'), (4, 'zz')");
    AirbyteStream odd = Catalogs.stream(new PostgresSource().discover(db.config()), "odd_text");
    SyncOutput partial = SyncOutput.read(db.config(), Catalogs.incremental(odd, "label"), List.of(),
        new CheckpointPolicy(1, Duration.ofHours(1)), 3);
    assertThat(partial.lastStreamState().get("cursor").asText()).isEqualTo("a'b\\d");
    SyncOutput resumed = SyncOutput.read(db.config(), Catalogs.incremental(odd, "label"), partial.states(), EVERY_100)
        .assertSucceeded();
    assertThat(ids(resumed.records("odd_text"))).containsExactlyInAnyOrder(3, 4);
  }

  @Test
  void numericCursorKeepsAllItsDigits() {
    SyncOutput first = SyncOutput.read(db.config(), Catalogs.incremental(events(), "amount"), List.of(), EVERY_100)
        .assertSucceeded();
    assertThat(first.lastStreamState().get("cursor").asText()).isEqualTo("1200");
    SyncOutput partial = SyncOutput.read(db.config(), Catalogs.incremental(events(), "amount"), List.of(),
        EVERY_100, 150);
    String saved = partial.lastStreamState().get("cursor").asText();
    assertThat(saved).isEqualTo("14.000000000000000000014");
  }

  @Test
  void unorderableCursorIsAConfigError() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.incremental(events(), "place"), List.of(), EVERY_100);
    assertThat(out.failure()).isInstanceOf(ConnectorException.class).hasMessageContaining("cannot be ordered");
  }

  @Test
  void missingCursorIsAConfigError() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.incremental(events(), null), List.of(), EVERY_100);
    assertThat(out.failure()).isInstanceOf(ConnectorException.class).hasMessageContaining("has no cursor field");
    SyncOutput unknown = SyncOutput.read(db.config(), Catalogs.incremental(events(), "nope"), List.of(), EVERY_100);
    assertThat(unknown.failure()).hasMessageContaining("The cursor field 'nope'");
  }

  @Test
  void cursorsOfInfinityOrNanNeverHideRowsAddedLater() {
    db.execute("CREATE DOMAIN deadline AS date",
        "CREATE TABLE sentinels (id int, ts timestamptz, day date, amount numeric, ratio float8, label text,"
            + " due deadline)",
        "INSERT INTO sentinels VALUES (1, '2024-01-01', '2024-01-01', 1, 1, 'a', '2024-01-01'),"
            + " (2, 'infinity', 'infinity', 'NaN', 'NaN', 'infinity', 'infinity'),"
            + " (3, '-infinity', '-infinity', -1, '-Infinity', 'b', '-infinity'),"
            + " (4, '2024-01-02', '2024-01-02', 2, 'Infinity', 'c', '2024-01-02')");
    AirbyteStream sentinels = Catalogs.stream(new PostgresSource().discover(db.config()), "sentinels");
    Map<String, String> finiteMax = Map.of("ts", "2024-01-02 00:00:00+00", "day", "2024-01-02", "amount", "2",
        "ratio", "1", "due", "2024-01-02");
    Map<String, List<AirbyteStateMessage>> states = new HashMap<>();
    for (String cursor : finiteMax.keySet()) {
      SyncOutput first;
      List<String> warnings;
      try (LogCapture log = LogCapture.of(CursorPosition.class)) {
        first = SyncOutput.read(db.config(), Catalogs.incremental(sentinels, cursor), List.of(), EVERY_100)
            .assertSucceeded();
        warnings = log.warnings();
      }
      assertThat(ids(first.records("sentinels"))).as(cursor).containsExactlyInAnyOrder(1, 2, 3, 4);
      assertThat(first.lastStreamState().get("cursor").asText()).as(cursor).isEqualTo(finiteMax.get(cursor));
      assertThat(warnings).as(cursor).singleElement().asString()
          .contains("public.sentinels").contains(cursor).containsAnyOf("'infinity'", "'NaN'", "'Infinity'");
      states.put(cursor, first.states());
    }
    // Text is text: 'infinity' is an ordinary word there, and a fine resume point.
    SyncOutput text = SyncOutput.read(db.config(), Catalogs.incremental(sentinels, "label"), List.of(), EVERY_100)
        .assertSucceeded();
    assertThat(text.lastStreamState().get("cursor").asText()).isEqualTo("infinity");

    db.execute("INSERT INTO sentinels VALUES (5, '2024-06-01', '2024-06-01', 3, 3, 'd', '2024-06-01')");
    for (String cursor : finiteMax.keySet()) {
      SyncOutput second = SyncOutput.read(db.config(), Catalogs.incremental(sentinels, cursor), states.get(cursor),
          EVERY_100).assertSucceeded();
      // The new row, and the rows at or above the saved value again (those with infinity or NaN among them).
      assertThat(ids(second.records("sentinels"))).as(cursor).contains(5, 2).doesNotContain(3);
      assertThat(second.lastStreamState().get("cursor").asText()).as(cursor).isNotEqualTo(finiteMax.get(cursor));
    }
  }

  @Test
  void aSavedCursorOfInfinityFromAnEarlierVersionReadsEveryRowAgain() {
    db.execute("CREATE TABLE saved_at_infinity (id int, ts timestamp)",
        "INSERT INTO saved_at_infinity VALUES (1, '2024-01-01'), (2, 'infinity'), (3, '2024-03-01')");
    AirbyteStream table = Catalogs.stream(new PostgresSource().discover(db.config()), "saved_at_infinity");
    AirbyteStateMessage old = AirbyteStateMessage.ofStream(StreamDescriptor.of("public", "saved_at_infinity"),
        Json.parse("{\"state_type\":\"cursor_based\",\"cursor_field\":[\"ts\"],\"cursor\":\"infinity\","
            + "\"cursor_record_count\":1}"));
    try (LogCapture log = LogCapture.of(CursorPosition.class)) {
      SyncOutput out = SyncOutput.read(db.config(), Catalogs.incremental(table, "ts"), List.of(old), EVERY_100)
          .assertSucceeded();
      assertThat(ids(out.records("saved_at_infinity"))).containsExactlyInAnyOrder(1, 2, 3);
      assertThat(out.lastStreamState().get("cursor").asText()).isEqualTo("2024-03-01 00:00:00");
      assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("public.saved_at_infinity")
          .contains("'infinity'").contains("every row"));
    }
  }

  @Test
  void cursorStatesCarryStreamNameAndNamespaceAsAirbytesPostgresSourceWritesThem() {
    SyncOutput out = SyncOutput.read(db.config(), Catalogs.incremental(events(), "seq"), List.of(), EVERY_100)
        .assertSucceeded();
    JsonNode state = out.lastStreamState();
    assertThat(state.get("state_type").asText()).isEqualTo("cursor_based");
    assertThat(state.get("version").asInt()).isEqualTo(2);
    assertThat(state.get("stream_name").asText()).isEqualTo("events");
    assertThat(state.get("stream_namespace").asText()).isEqualTo("public");
    assertThat(state.get("cursor_field")).isEqualTo(Json.parse("[\"seq\"]"));
    assertThat(state.get("cursor").asText()).isEqualTo("1200");
    assertThat(state.get("cursor_record_count").asLong()).isEqualTo(1);
  }

  @Test
  void statesOfThePreviousVersionAndOfAirbytesSourceStillResume() {
    StreamDescriptor events = StreamDescriptor.of("public", "events");
    for (String state : List.of(
        "{\"state_type\":\"cursor_based\",\"cursor_field\":[\"seq\"],\"cursor\":\"1199\",\"cursor_record_count\":1}",
        "{\"state_type\":\"cursor_based\",\"version\":2,\"stream_name\":\"events\",\"stream_namespace\":\"public\","
            + "\"cursor_field\":[\"seq\"],\"cursor\":\"1199\",\"cursor_record_count\":1}")) {
      SyncOutput out = SyncOutput.read(db.config(), Catalogs.incremental(events(), "seq"),
          List.of(AirbyteStateMessage.ofStream(events, Json.parse(state))), EVERY_100).assertSucceeded();
      assertThat(ids(out.records("events"))).as(state).containsExactlyInAnyOrder(1199, 1200);
    }
  }
}
