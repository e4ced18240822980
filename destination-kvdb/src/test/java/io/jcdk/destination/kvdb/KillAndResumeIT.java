package io.jcdk.destination.kvdb;

import static io.jcdk.destination.kvdb.Lines.catalog;
import static io.jcdk.destination.kvdb.Lines.record;
import static io.jcdk.destination.kvdb.Lines.state;
import static io.jcdk.destination.kvdb.Lines.status;
import static io.jcdk.destination.kvdb.Lines.stream;
import static io.jcdk.destination.kvdb.Lines.withGeneration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills {@code java -jar target/destination-kvdb.jar write} with SIGKILL while records are still
 * flowing, re-runs it from the last state it echoed, and checks that nothing was lost, and in
 * append_dedup nothing duplicated. The source is modelled as a fixed dataset that emits a STATE
 * {@code {"next": i}} every {@value #STATE_EVERY} records and, resumed from such a state, continues
 * at record {@code i}.
 */
class KillAndResumeIT {

  private static final Path JAR = Path.of("target/destination-kvdb.jar");
  private static final int TOTAL = 60_000;
  private static final int STATE_EVERY = 250;
  private static final int STATES_BEFORE_KILL = 40;
  private static final int IDS = 4_000;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static RedisServer redis;

  @TempDir Path dir;

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @ParameterizedTest(name = "{0} store")
  @ValueSource(strings = {"embedded", "redis"})
  void appendLosesNothingWhenKilledMidStream(String store) throws Exception {
    Kvdb kvdb = kvdb(store);
    String catalog = catalog(stream(null, "events", "append"));

    long resumeAt = runUntilKilled(kvdb, catalog, Dataset.APPEND);
    runToEnd(kvdb, catalog, Dataset.APPEND, resumeAt);

    assertIsPrefixThenResumedRun(numbers(kvdb.dump(null, "events")), resumeAt);
  }

  @ParameterizedTest(name = "{0} store")
  @ValueSource(strings = {"embedded", "redis"})
  void appendDedupLosesAndDuplicatesNothingWhenKilledMidStream(String store) throws Exception {
    Kvdb kvdb = kvdb(store);
    String catalog = catalog(stream("crm", "users", "append_dedup", "id"));

    long resumeAt = runUntilKilled(kvdb, catalog, Dataset.DEDUP);
    runToEnd(kvdb, catalog, Dataset.DEDUP, resumeAt);

    Map<String, JsonNode> expected = new HashMap<>();
    for (int i = 0; i < TOTAL; i++) {
      JsonNode data = Dataset.DEDUP.data(i);
      String key = "[" + data.get("id") + "]";
      if (data.hasNonNull(PrimaryKey.CDC_DELETED_AT)) {
        expected.remove(key);
      } else {
        expected.put(key, data);
      }
    }
    List<JsonNode> entries = kvdb.dump("crm", "users");
    Map<String, JsonNode> stored = new HashMap<>();
    for (JsonNode e : entries) {
      assertThat(stored.put(e.get("key").toString(), e.get("value"))).as("duplicate key " + e.get("key")).isNull();
    }
    assertThat(entries).hasSize(expected.size());
    assertThat(stored).isEqualTo(expected);
  }

  /**
   * The killed attempt staged records after the last state it echoed; the retry resumes from that
   * state and must not append to them. Each store writes a state's resume point before it echoes the
   * state, so a kill that lands between the two (Redis: the server's acknowledgement; embedded: the
   * resume point's write, then the echo's serialization and write: microseconds, but with states
   * about a millisecond apart here, two of six runs of this test landed there) leaves that one state's records twice
   * (docs/destination-kvdb.md), never fewer; otherwise each record is held once.
   */
  @ParameterizedTest(name = "{0} store, {1}")
  @CsvSource({"embedded, generation_id 3", "embedded, no generation_id", "redis, generation_id 3", "redis, no generation_id"})
  void overwriteKilledAndResumedFromItsLastStatePublishesEachRecordOnce(String store, String generation) throws Exception {
    Kvdb kvdb = kvdb(store);
    List<String> previous = previousOverwrite(kvdb, generation);
    String catalog = overwriteCatalog(generation, 3);

    long resumeAt = runUntilKilled(kvdb, catalog, Dataset.OVERWRITE, true);
    assertThat(kvdb.dump(null, "snap")).extracting(e -> e.get("value").toString()).containsExactlyElementsOf(previous);
    long staged = stagedEntries(kvdb);
    long kept = resumePoint(kvdb);
    System.out.printf("%s, %s: %,d records staged by the killed attempt, resumed after %,d, resume point %,d%n",
        store, generation, staged, resumeAt, kept);
    if (kept == resumeAt + STATE_EVERY) {
      System.out.println("(killed between the resume point of the next state and its echo)");
    } else {
      assertThat(kept).as("the resume point is the last state echoed").isEqualTo(resumeAt);
    }
    runToEnd(kvdb, catalog, Dataset.OVERWRITE, resumeAt);

    List<Long> expected = new ArrayList<>(range(0, kept));
    expected.addAll(range(resumeAt, TOTAL));
    assertThat(numbers(kvdb.dump(null, "snap"))).as("published entries").hasSize(expected.size()).isEqualTo(expected);
  }

  /** A source without intermediate states, killed mid-read: the retry reads everything again. */
  @ParameterizedTest(name = "{0} store, {1}")
  @CsvSource({"embedded, generation_id 3", "embedded, no generation_id", "redis, generation_id 3", "redis, no generation_id"})
  void overwriteKilledBeforeItsFirstStateAndRunAgainPublishesEachRecordOnce(String store, String generation)
      throws Exception {
    Kvdb kvdb = kvdb(store);
    List<String> previous = previousOverwrite(kvdb, generation);
    String catalog = overwriteCatalog(generation, 3);

    assertThat(runUntilKilled(kvdb, catalog, Dataset.OVERWRITE, false)).isZero();
    assertThat(kvdb.dump(null, "snap")).extracting(e -> e.get("value").toString()).containsExactlyElementsOf(previous);
    long staged = stagedEntries(kvdb);
    System.out.printf("%s, %s: %,d records staged by the killed attempt, no state echoed%n", store, generation, staged);
    assertThat(staged).as("records staged by the killed attempt").isPositive();
    runToEnd(kvdb, catalog, Dataset.OVERWRITE, 0);

    assertThat(numbers(kvdb.dump(null, "snap"))).as("published entries").hasSize(TOTAL).isEqualTo(range(0, TOTAL));
  }

  /** Ten entries published by an earlier overwrite; returns their values. */
  private static List<String> previousOverwrite(Kvdb kvdb, String generation) {
    List<String> lines = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String data = "{\"old\":" + i + "}";
      lines.add(record(null, "snap", data));
      values.add(data);
    }
    lines.add(status(null, "snap", "COMPLETE"));
    assertThat(kvdb.write(overwriteCatalog(generation, 2), Lines.input(lines)).exitCode()).isZero();
    return values;
  }

  private static String overwriteCatalog(String generation, long id) {
    ObjectNode stream = stream(null, "snap", "overwrite");
    return catalog(generation.startsWith("no ") ? stream : withGeneration(stream, id, id));
  }

  private static long stagedEntries(Kvdb kvdb) {
    return kvdb.stats().get(0).path("staging_entries").asLong();
  }

  /** The entries the next attempt keeps of the staged overwrite, as the store records it. */
  private static long resumePoint(Kvdb kvdb) throws IOException {
    try (Store store = Store.open(KvdbConfig.parse(Json.readFile(kvdb.config())).store(), true)) {
      return store.resumePoint(StreamKey.of(null, "snap")).orElseThrow().entries();
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  /**
   * The records the killed run stored (0..k-1, k at least the resume point), then those of the
   * resumed run (resume point..end): nothing lost, and duplicates only of records that were stored
   * but whose state was not yet echoed.
   */
  private static void assertIsPrefixThenResumedRun(List<Long> numbers, long resumeAt) {
    int k = 0;
    while (k < numbers.size() && numbers.get(k) == k) {
      k++;
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < k; i++) {
      expected.add(i);
    }
    if (k < numbers.size() || k < TOTAL) {
      assertThat((long) k).as("records stored before the kill").isGreaterThanOrEqualTo(resumeAt);
      for (long i = resumeAt; i < TOTAL; i++) {
        expected.add(i);
      }
    }
    assertThat(numbers).hasSize(expected.size()).isEqualTo(expected);
  }

  private long runUntilKilled(Kvdb kvdb, String catalog, Dataset dataset) throws Exception {
    return runUntilKilled(kvdb, catalog, dataset, true);
  }

  /**
   * Feeds the dataset from the start, kills the process with SIGKILL mid-stream (after {@value
   * #STATES_BEFORE_KILL} echoed states, or without states after two thirds of the records); returns
   * where to resume: after the last state echoed, or 0.
   */
  private long runUntilKilled(Kvdb kvdb, String catalog, Dataset dataset, boolean withStates) throws Exception {
    Process process = start(kvdb, catalog);
    AtomicInteger fed = new AtomicInteger();
    Thread feeder = feed(process, dataset, 0, withStates, fed);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<Long> echoed = new ArrayList<>();
    String line;
    if (withStates) {
      while (echoed.size() < STATES_BEFORE_KILL && (line = out.readLine()) != null) {
        collectState(line, echoed);
      }
      assertThat(echoed).as("states echoed before the kill").hasSize(STATES_BEFORE_KILL);
    } else {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (fed.get() < TOTAL * 2 / 3 && System.nanoTime() < deadline && process.isAlive()) {
        Thread.sleep(5);
      }
      assertThat(fed.get()).as("records fed before the kill").isGreaterThanOrEqualTo(TOTAL * 2 / 3);
    }
    assertThat(feeder.isAlive()).as("records still flowing when the process is killed").isTrue();
    Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertThat(process.waitFor()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("librocksdbjni")))
          .as("copies of RocksDB's native library the killed process left in java.io.tmpdir").isEmpty();
    }
    while ((line = out.readLine()) != null) { // states already in the pipe were echoed too
      collectState(line, echoed);
    }
    feeder.join();
    if (!withStates) {
      assertThat(echoed).as("states echoed").isEmpty();
      return 0;
    }
    long resumeAt = echoed.get(echoed.size() - 1);
    assertThat(resumeAt).as("killed mid-stream").isLessThan(TOTAL);
    return resumeAt;
  }

  private void runToEnd(Kvdb kvdb, String catalog, Dataset dataset, long from) throws Exception {
    Process process = start(kvdb, catalog);
    Thread feeder = feed(process, dataset, from, true, new AtomicInteger());
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<Long> echoed = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      collectState(line, echoed);
    }
    feeder.join();
    assertThat(process.waitFor()).as("exit code; stderr: " + Files.readString(dir.resolve("stderr.txt"))).isZero();
    assertThat(echoed).last().isEqualTo((long) TOTAL);
  }

  private Process start(Kvdb kvdb, String catalog) throws IOException {
    assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run mvn package (failsafe runs after it)");
    Path catalogFile = Files.writeString(dir.resolve("catalog.json"), catalog);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // RocksDB's native library is unpacked under java.io.tmpdir: into the test's directory, which is
    // deleted afterwards.
    return new ProcessBuilder(java, "-Xmx256m", "-Djava.io.tmpdir=" + dir, "-jar", JAR.toString(), "write",
        "--config", kvdb.config().toString(),
        "--catalog", catalogFile.toString())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  /**
   * Writes records from {@code from} to the end, with a state every {@value #STATE_EVERY} (if {@code
   * withStates}), then a COMPLETE status; counts the records in {@code fed}; stops when the pipe breaks.
   */
  private static Thread feed(Process process, Dataset dataset, long from, boolean withStates, AtomicInteger fed) {
    Thread feeder = new Thread(() -> {
      try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
        for (int i = (int) from; i < TOTAL; i++) {
          in.write(record(dataset.namespace, dataset.stream, dataset.data(i)));
          in.write('\n');
          if (withStates && (i + 1) % STATE_EVERY == 0) {
            in.write(state(dataset.namespace, dataset.stream, "{\"next\":" + (i + 1) + "}"));
            in.write('\n');
          }
          fed.incrementAndGet();
        }
        in.write(status(dataset.namespace, dataset.stream, "COMPLETE"));
        in.write('\n');
      } catch (IOException e) {
        // The process was killed: the pipe is gone, which is the point.
      }
    }, "feeder");
    feeder.start();
    return feeder;
  }

  private static void collectState(String line, List<Long> echoed) {
    JsonNode message = Json.parse(line);
    if ("STATE".equals(message.path("type").asText())) {
      echoed.add(message.path("state").path("stream").path("stream_state").path("next").asLong());
    }
  }

  private static List<Long> numbers(List<JsonNode> entries) {
    return entries.stream().map(e -> e.get("value").get("n").asLong()).toList();
  }

  private Kvdb kvdb(String store) throws Exception {
    if (store.equals("embedded")) {
      return Kvdb.embedded(dir);
    }
    synchronized (KillAndResumeIT.class) {
      if (redis == null) {
        redis = RedisServer.startOrSkip(Files.createTempDirectory("kvdb-redis"));
      }
    }
    return Kvdb.withConfig(dir, redis.config(DATABASES.getAndIncrement() % 16));
  }

  private enum Dataset {
    APPEND(null, "events"),
    DEDUP("crm", "users"),
    OVERWRITE(null, "snap");

    final String namespace;
    final String stream;

    Dataset(String namespace, String stream) {
      this.namespace = namespace;
      this.stream = stream;
    }

    JsonNode data(int i) {
      ObjectNode data = Json.object();
      if (this != DEDUP) {
        return data.put("n", i).put("text", "record " + i + "\nwith a line break, ünïcödé and padding " + "x".repeat(i % 200));
      }
      data.put("id", i % IDS).put("version", i);
      if (i % 17 == 5) {
        data.put("_ab_cdc_deleted_at", "2024-06-01T00:00:00Z");
      } else {
        data.put("name", "user " + (i % IDS) + " v" + i + "\n😀");
      }
      return data;
    }
  }
}
