package io.jcdk.destination.kvdb;

import static io.jcdk.destination.kvdb.Lines.catalog;
import static io.jcdk.destination.kvdb.Lines.input;
import static io.jcdk.destination.kvdb.Lines.record;
import static io.jcdk.destination.kvdb.Lines.state;
import static io.jcdk.destination.kvdb.Lines.status;
import static io.jcdk.destination.kvdb.Lines.stream;
import static io.jcdk.destination.kvdb.Lines.withGeneration;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverwriteTest {

  private static final String OLD = "{\"key\":0,\"value\":{\"v\":\"old\"}}";

  @TempDir Path dir;
  private Kvdb kvdb;

  @BeforeEach
  void previousSync() {
    kvdb = Kvdb.embedded(dir);
    kvdb.write(catalog(stream(null, "snap", "overwrite")), input(record(null, "snap", "{\"v\":\"old\"}"),
        status(null, "snap", "COMPLETE")));
  }

  @Test
  void readersSeeThePreviousDataUntilTheStreamCompletes() {
    KvdbDestination destination = new KvdbDestination();
    KvdbConfig config = destination.parseConfig(Json.parse("{\"store\":{\"path\":" + Json.write(kvdb.storePath().toString()) + "}}"));
    ConfiguredAirbyteStream snap = Json.convert(stream(null, "snap", "overwrite"), ConfiguredAirbyteStream.class);
    try (Loader loader = destination.open(config, ConfiguredAirbyteCatalog.of(List.of(snap)))) {
      loader.write(snap, List.of(AirbyteRecordMessage.of(StreamDescriptor.of("snap"), RawJson.parse("{\"v\":\"new\"}"), 1)));
      loader.commit();
      assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(OLD);
      assertThat(kvdb.dump(null, "snap", "--staging")).extracting(Object::toString)
          .containsExactly("{\"key\":0,\"value\":{\"v\":\"new\"}}");

      loader.streamComplete(snap);
      assertThat(kvdb.dump(null, "snap")).extracting(Object::toString)
          .containsExactly("{\"key\":0,\"value\":{\"v\":\"new\"}}");
    }
  }

  @Test
  void aFailedSyncLeavesThePreviousDataUntouched() {
    CliRun run = kvdb.write(catalog(stream(null, "snap", "overwrite")), input(
        record(null, "snap", "{\"v\":\"new\"}"),
        state(null, "snap", "{\"page\":1}"),
        record(null, "not-in-catalog", "{\"v\":\"boom\"}")));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("STATE snap 1.0", "TRACE ERROR config_error");
    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(OLD);
  }

  @Test
  void anIncompleteStreamIsNotPublished() {
    CliRun run = kvdb.write(catalog(stream(null, "snap", "overwrite")), input(
        record(null, "snap", "{\"v\":\"partial\"}"), status(null, "snap", "INCOMPLETE")));

    assertThat(run.exitCode()).isZero();
    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(OLD);
    assertThat(kvdb.stats().get(0).path("staging_entries").asLong()).isEqualTo(1);
  }

  @Test
  void theNextAttemptOfTheSameGenerationContinuesTheStagedData() {
    String attempt = catalog(withGeneration(stream(null, "snap", "overwrite"), 5, 5));
    kvdb.write(attempt, input(
        record(null, "snap", "{\"v\":\"page1\"}"), state(null, "snap", "{\"page\":1}"), status(null, "snap", "INCOMPLETE")));
    kvdb.write(attempt, input(record(null, "snap", "{\"v\":\"page2\"}"), state(null, "snap", "{\"page\":2}")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(
        "{\"key\":0,\"value\":{\"v\":\"page1\"}}", "{\"key\":1,\"value\":{\"v\":\"page2\"}}");
  }

  @Test
  void aNewGenerationDiscardsWhatAnInterruptedOneStaged() {
    kvdb.write(catalog(withGeneration(stream(null, "snap", "overwrite"), 5, 5)), input(
        record(null, "snap", "{\"v\":\"stale\"}"), status(null, "snap", "INCOMPLETE")));
    kvdb.write(catalog(withGeneration(stream(null, "snap", "overwrite"), 6, 6)), input(
        record(null, "snap", "{\"v\":\"fresh\"}"), status(null, "snap", "COMPLETE")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"v\":\"fresh\"}}");
    assertThat(kvdb.stats().get(0).has("staging_generation")).isFalse();
  }

  @Test
  void switchingBackToAppendDiscardsAnUnpublishedOverwrite() {
    kvdb.write(catalog(stream(null, "snap", "overwrite")), input(
        record(null, "snap", "{\"v\":\"staged\"}"), status(null, "snap", "INCOMPLETE")));
    kvdb.write(catalog(stream(null, "snap", "append")), input(record(null, "snap", "{\"v\":\"appended\"}")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString)
        .containsExactly(OLD, "{\"key\":1,\"value\":{\"v\":\"appended\"}}");
    assertThat(kvdb.stats().get(0).has("staging_generation")).isFalse();
  }

  /** The repro: a source that dies before it says anything leaves the destination an empty stdin. */
  @Test
  void emptyInputLeavesThePreviousDataOfAnOverwriteStream() {
    List<String> thousand = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      thousand.add(record(null, "snap", "{\"n\":" + i + "}"));
    }
    thousand.add(status(null, "snap", "COMPLETE"));
    kvdb.write(catalog(stream(null, "snap", "overwrite")), input(thousand));
    assertThat(kvdb.dump(null, "snap")).hasSize(1_000);

    CliRun run = kvdb.write(catalog(stream(null, "snap", "overwrite")), "");

    assertThat(run.exitCode()).isZero();
    assertThat(kvdb.dump(null, "snap")).hasSize(1_000);
  }

  @Test
  void inputCutShortAfterItsLastStateLeavesThePreviousData() {
    CliRun run = kvdb.write(catalog(stream(null, "snap", "overwrite")), input(
        record(null, "snap", "{\"v\":\"new\"}"), state(null, "snap", "{\"page\":1}"), record(null, "snap", "{\"v\":\"cut\"}")));

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("Stream snap: the input ended without a COMPLETE status for it and with records"
        + " after its last state; it is incomplete (an overwrite of it is not published).");
    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(OLD);
  }

  @Test
  void inputWithoutStatusPublishesWhenTheStreamsLastMessageIsItsState() {
    kvdb.write(catalog(stream(null, "snap", "overwrite")), input(
        record(null, "snap", "{\"v\":\"new\"}"), state(null, "snap", "{\"page\":1}")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"v\":\"new\"}}");
  }

  /**
   * The first attempt stored a record after its last state, then gave up; the retry resumes from
   * that state and sends the record again.
   */
  @ParameterizedTest(name = "generation_id {0}")
  @ValueSource(booleans = {true, false})
  void aRetryFromTheLastEchoedStateHoldsEachRecordOnce(boolean withGenerationId) {
    String attempt = catalog(withGenerationId ? withGeneration(stream(null, "snap", "overwrite"), 5, 5)
        : stream(null, "snap", "overwrite"));
    kvdb.write(attempt, input(
        record(null, "snap", "{\"v\":\"page1\"}"), state(null, "snap", "{\"page\":1}"), record(null, "snap", "{\"v\":\"page2\"}"),
        status(null, "snap", "INCOMPLETE")));
    kvdb.write(attempt, input(record(null, "snap", "{\"v\":\"page2\"}"), status(null, "snap", "COMPLETE")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(
        "{\"key\":0,\"value\":{\"v\":\"page1\"}}", "{\"key\":1,\"value\":{\"v\":\"page2\"}}");
  }

  @ParameterizedTest(name = "generation_id {0}")
  @ValueSource(booleans = {true, false})
  void aRetryAfterAnAttemptWithoutStatesStartsTheStagingOver(boolean withGenerationId) {
    String attempt = catalog(withGenerationId ? withGeneration(stream(null, "snap", "overwrite"), 5, 5)
        : stream(null, "snap", "overwrite"));
    kvdb.write(attempt, input(record(null, "snap", "{\"v\":\"a\"}"), record(null, "snap", "{\"v\":\"b\"}"),
        status(null, "snap", "INCOMPLETE")));
    kvdb.write(attempt, input(record(null, "snap", "{\"v\":\"a\"}"), record(null, "snap", "{\"v\":\"b\"}"),
        status(null, "snap", "COMPLETE")));

    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly(
        "{\"key\":0,\"value\":{\"v\":\"a\"}}", "{\"key\":1,\"value\":{\"v\":\"b\"}}");
  }

  /**
   * A machine that restarts may lose the resume point written right before the last echo (it is
   * not fsynced): the retry then cuts back to the mark committed with the state, never behind it.
   */
  @Test
  void afterARestartOfTheMachineTheRetryFallsBackToTheCommittedMark() {
    String attempt = catalog(withGeneration(stream(null, "snap", "overwrite"), 5, 5));
    kvdb.write(attempt, input(record(null, "snap", "{\"v\":1}"), state(null, "snap", "{\"page\":1}"),
        record(null, "snap", "{\"v\":2}"), state(null, "snap", "{\"page\":2}"), record(null, "snap", "{\"v\":3}"),
        status(null, "snap", "INCOMPLETE")));
    StreamKey snap = StreamKey.of(null, "snap");
    try (Store store = Store.open(new StoreConfig.Embedded(kvdb.storePath()), false)) {
      ResumePoint point = store.resumePoint(snap).orElseThrow();
      assertThat(point.entries()).isEqualTo(2);
      store.putResumePoint(snap, new ResumePoint(point.generation(), 1, "boot before the restart"));
      store.commit();
    }
    kvdb.write(attempt, input(record(null, "snap", "{\"v\":3}"), status(null, "snap", "COMPLETE")));

    assertThat(kvdb.dump(null, "snap")).extracting(e -> e.get("value").get("v").asInt()).containsExactly(1, 2, 3);
  }

  @Test
  void dumpExplainsWhenAFirstOverwriteIsNotPublishedYet() {
    kvdb.write(catalog(stream(null, "fresh", "overwrite")), input(
        record(null, "fresh", "{\"v\":1}"), status(null, "fresh", "INCOMPLETE")));

    Kvdb.Output out = kvdb.run("dump", "--config", kvdb.config().toString(), "--stream", "fresh");
    assertThat(out.exitCode()).isEqualTo(1);
    assertThat(out.errorMessage()).isEqualTo(
        "Stream 'fresh' has no published data yet; an overwrite is in progress (--staging shows it).");
  }
}
