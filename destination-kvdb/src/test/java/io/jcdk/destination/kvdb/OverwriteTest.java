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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverwriteTest {

  private static final String OLD = "{\"key\":0,\"value\":{\"v\":\"old\"}}";

  @TempDir Path dir;
  private Kvdb kvdb;

  @BeforeEach
  void previousSync() {
    kvdb = Kvdb.embedded(dir);
    kvdb.write(catalog(stream(null, "snap", "overwrite")), input(record(null, "snap", "{\"v\":\"old\"}")));
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
        record(null, "snap", "{\"v\":\"fresh\"}")));

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
