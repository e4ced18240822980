package io.jcdk.destination.kvdb;

import static io.jcdk.destination.kvdb.Lines.catalog;
import static io.jcdk.destination.kvdb.Lines.input;
import static io.jcdk.destination.kvdb.Lines.record;
import static io.jcdk.destination.kvdb.Lines.state;
import static io.jcdk.destination.kvdb.Lines.status;
import static io.jcdk.destination.kvdb.Lines.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destination against a real redis-server (skipped, saying why, when none can be started). */
class RedisIT {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static RedisServer redis;

  @TempDir Path dir;
  private int database;
  private Kvdb kvdb;


  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  /** Starts the server with the first test, so that a missing redis-server skips each test with the reason. */
  @BeforeEach
  void freshDatabase() throws Exception {
    synchronized (RedisIT.class) {
      if (redis == null) {
        redis = RedisServer.startOrSkip(Files.createTempDirectory("kvdb-redis"));
      }
    }
    database = DATABASES.getAndIncrement() % 16;
    assertThat(redis.command(database, "FLUSHDB")).isEqualTo("+OK");
    kvdb = Kvdb.withConfig(dir, redis.config(database));
  }

  @Test
  void checkSucceedsAndLeavesNoProbeKeyBehind() throws Exception {
    assertThat(status(kvdb.check()).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(redis.command(database, "KEYS jcdk:probe:*")).isEqualTo("*0");
  }

  @Test
  void checkExplainsAWrongPassword() {
    AirbyteConnectionStatus status = check("\"password\":\"not-the-password\"");

    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).isEqualTo("Redis at 127.0.0.1:" + redis.port() + " rejected the credentials:"
        + " wrong password (store.password). Check them against the server's requirepass or ACL users.");
    assertThat(status.message()).doesNotContain("not-the-password");
  }

  @Test
  void checkExplainsAMissingPassword() {
    AirbyteConnectionStatus status = check("\"database\":0");

    assertThat(status.message()).isEqualTo("Redis at 127.0.0.1:" + redis.port() + " requires a password; set store.password.");
  }

  @Test
  void checkExplainsAnUnreachableServer() throws Exception {
    int closed = RedisServer.freePort();
    Kvdb other = Kvdb.withConfig(dir, "{\"store\":{\"type\":\"redis\",\"host\":\"127.0.0.1\",\"port\":" + closed + "}}");
    AirbyteConnectionStatus status = status(other.check());

    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).isEqualTo("Cannot reach Redis at 127.0.0.1:" + closed + ": Connection refused."
        + " Check store.host and store.port, and that the server is running and reachable from here.");
  }

  @Test
  void checkExplainsADatabaseNumberTheServerDoesNotHave() {
    AirbyteConnectionStatus status = check("\"password\":\"" + RedisServer.PASSWORD + "\",\"database\":99");

    assertThat(status.message()).startsWith("store.database is 99, but Redis at 127.0.0.1:" + redis.port()
        + " has fewer databases.");
  }

  @Test
  void writeFailsWithATransientErrorWhenTheServerIsUnreachable() throws Exception {
    Kvdb other = Kvdb.withConfig(dir, "{\"store\":{\"type\":\"redis\",\"host\":\"127.0.0.1\",\"port\":"
        + RedisServer.freePort() + "}}");
    CliRun run = other.write(catalog(stream(null, "s", "append")), input(record(null, "s", "{}")));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("TRACE ERROR transient_error");
  }

  @Test
  void allSyncModesAndSecondSyncs() {
    String catalog = catalog(stream(null, "events", "append"), stream("crm", "users", "append_dedup", "id", "org"),
        stream(null, "snap", "overwrite"));
    CliRun first = kvdb.write(catalog, input(
        record(null, "events", "{\"n\":1}"), record("crm", "users", "{\"id\":1,\"org\":\"a\",\"v\":1}"),
        record("crm", "users", "{\"id\":1,\"org\":\"b\",\"v\":1}"), record(null, "snap", "{\"s\":\"old\"}"),
        state("crm", "users", "{\"c\":1}"), record(null, "events", "{\"n\":2}"), Lines.status(null, "snap", "COMPLETE")));
    CliRun second = kvdb.write(catalog, input(
        record(null, "events", "{\"n\":3}"), record("crm", "users", "{\"id\":1,\"org\":\"a\",\"v\":2}"),
        record("crm", "users", "{\"id\":1,\"org\":\"b\",\"_ab_cdc_deleted_at\":\"2024\"}"),
        record(null, "snap", "{\"s\":\"new\"}"), state("crm", "users", "{\"c\":2}"), Lines.status(null, "snap", "COMPLETE")));

    assertThat(first.timeline()).containsExactly("STATE users 2.0");
    assertThat(second.timeline()).containsExactly("STATE users 2.0");
    assertThat(kvdb.dump(null, "events")).extracting(Object::toString).containsExactly(
        "{\"key\":0,\"value\":{\"n\":1}}", "{\"key\":1,\"value\":{\"n\":2}}", "{\"key\":2,\"value\":{\"n\":3}}");
    assertThat(kvdb.dump("crm", "users")).extracting(Object::toString)
        .containsExactly("{\"key\":[1,\"a\"],\"value\":{\"id\":1,\"org\":\"a\",\"v\":2}}");
    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"s\":\"new\"}}");
    assertThat(kvdb.stats()).extracting(Object::toString).containsExactly(
        "{\"stream\":\"events\",\"layout\":\"append\",\"generation\":1,\"entries\":3}",
        "{\"stream\":\"snap\",\"layout\":\"append\",\"generation\":2,\"entries\":1}",
        "{\"namespace\":\"crm\",\"stream\":\"users\",\"layout\":\"keyed\",\"generation\":1,\"entries\":1}");
  }

  @Test
  void overwriteIsInvisibleUntilCompleteAndAFailedSyncLeavesTheOldData() throws Exception {
    kvdb.write(catalog(stream(null, "snap", "overwrite")), input(record(null, "snap", "{\"v\":\"old\"}"),
        Lines.status(null, "snap", "COMPLETE")));
    KvdbDestination destination = new KvdbDestination();
    KvdbConfig config = destination.parseConfig(Json.parse(Files.readString(kvdb.config())));
    ConfiguredAirbyteStream snap = Json.convert(stream(null, "snap", "overwrite"), ConfiguredAirbyteStream.class);
    try (Loader loader = destination.open(config, ConfiguredAirbyteCatalog.of(List.of(snap)))) {
      loader.write(snap, List.of(AirbyteRecordMessage.of(StreamDescriptor.of("snap"), RawJson.parse("{\"v\":\"new\"}"), 1)));
      loader.commit();
      assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"v\":\"old\"}}");
      loader.streamComplete(snap);
      assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"v\":\"new\"}}");
    }
    CliRun failed = kvdb.write(catalog(stream(null, "snap", "overwrite")), input(
        record(null, "snap", "{\"v\":\"never\"}"), Lines.status(null, "snap", "INCOMPLETE")));

    assertThat(failed.exitCode()).isZero();
    assertThat(kvdb.dump(null, "snap")).extracting(Object::toString).containsExactly("{\"key\":0,\"value\":{\"v\":\"new\"}}");
    assertThat(redis.command(database, "KEYS jcdk:data:snap:*")).isEqualTo("*2"); // published and staged, old one deleted
  }

  @Test
  void tenMegabyteValuesUnicodeAndLineBreaksArriveWhole() {
    String big = "ü\n".repeat(5 * 1024 * 1024 / 2) + "😀";
    ObjectNode data = Json.object().put("id", "ключ").put("blob", big);
    CliRun run = kvdb.write(catalog(stream(null, "files", "append_dedup", "id"), stream(null, "log", "append")),
        input(record(null, "files", data), record(null, "log", data)));

    assertThat(run.exitCode()).isZero();
    assertThat(kvdb.dump(null, "files").get(0).get("key").toString()).isEqualTo("[\"ключ\"]");
    assertThat(kvdb.dump(null, "files").get(0).get("value")).isEqualTo(data);
    assertThat(kvdb.dump(null, "log").get(0).get("value").get("blob").asText()).isEqualTo(big);
  }

  @Test
  void namespacesAndManyStreamsStayApart() {
    ObjectNode[] streams = new ObjectNode[40];
    StringBuilder lines = new StringBuilder();
    for (int s = 0; s < streams.length; s++) {
      streams[s] = stream(s % 2 == 0 ? "even" : "odd", "s" + (s / 2), "append");
    }
    for (int i = 0; i < 5; i++) {
      for (int s = 0; s < streams.length; s++) {
        lines.append(record(s % 2 == 0 ? "even" : "odd", "s" + (s / 2), "{\"i\":" + i + ",\"s\":" + s + "}")).append('\n');
      }
    }
    assertThat(kvdb.write(catalog(streams), lines.toString()).exitCode()).isZero();

    List<JsonNode> stats = kvdb.stats();
    assertThat(stats).hasSize(40).allSatisfy(line -> assertThat(line.get("entries").asLong()).isEqualTo(5));
    assertThat(kvdb.dump("odd", "s3")).extracting(e -> e.get("value").get("s").asInt()).containsOnly(7);
  }

  private AirbyteConnectionStatus check(String storeFields) {
    Kvdb other = Kvdb.withConfig(dir, "{\"store\":{\"type\":\"redis\",\"host\":\"127.0.0.1\",\"port\":" + redis.port()
        + "," + storeFields + "}}");
    return status(other.check());
  }

  private static AirbyteConnectionStatus status(CliRun run) {
    assertThat(run.exitCode()).isZero();
    return run.ofType(AirbyteMessage.Type.CONNECTION_STATUS).get(0).connectionStatus();
  }
}
