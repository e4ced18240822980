package io.jcdk.benchmarks.process;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.JsonByteArray;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Debezium side of {@code ProcessBenchmark cdc --debezium}: Debezium embedded (the PostgreSQL
 * connector, pgoutput, the JSON converter without schemas) streaming from a slot the harness created
 * before the changes, so it reads the same WAL as the connector and pg_recvlogical. Each change
 * event's value goes to stdout as JSON, one per line; the process ends once it has seen
 * {@code --rows} row changes of the table, exits non-zero if it sees more, if the engine stops
 * first, or if no event arrives for {@code --idle-seconds}.
 *
 * <pre>
 * java -cp benchmarks.jar io.jcdk.benchmarks.process.DebeziumCdc --port 5432 --slot s --publication p
 *     --table public.bench_cdc --rows 1000000 --offsets offsets.dat
 *     [--host localhost --database postgres --user postgres --idle-seconds 60]
 * </pre>
 */
public final class DebeziumCdc {

  private static final String TOPIC_PREFIX = "bench";

  private final long expected;
  private final String topic;
  private final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong lastEventNanos = new AtomicLong(System.nanoTime());
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final CountDownLatch done = new CountDownLatch(1);

  private DebeziumCdc(long expected, String table) {
    this.expected = expected;
    this.topic = TOPIC_PREFIX + "." + table;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>(Map.of("--host", "localhost", "--database", "postgres", "--user",
        "postgres", "--idle-seconds", "60"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--port", "--slot", "--publication", "--table", "--rows", "--offsets")) {
      if (!a.containsKey(required)) {
        fail("missing " + required + "; usage: DebeziumCdc --port P --slot S --publication P --table schema.table"
            + " --rows N --offsets FILE [--host H --database D --user U --idle-seconds 60]");
      }
    }
    Properties p = new Properties();
    p.setProperty("name", "bench-debezium");
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    p.setProperty("offset.storage.file.filename", a.get("--offsets"));
    p.setProperty("database.hostname", a.get("--host"));
    p.setProperty("database.port", a.get("--port"));
    p.setProperty("database.user", a.get("--user"));
    p.setProperty("database.dbname", a.get("--database"));
    p.setProperty("database.sslmode", "disable");
    p.setProperty("topic.prefix", TOPIC_PREFIX);
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", a.get("--slot"));
    p.setProperty("publication.name", a.get("--publication"));
    p.setProperty("publication.autocreate.mode", "disabled");
    // No rows read by query: only the WAL since the slot was made, which holds the measured changes.
    p.setProperty("snapshot.mode", "no_data");
    p.setProperty("table.include.list", a.get("--table"));
    // The payload only, as the connector's records carry no schema either (and it is the cheaper setting).
    p.setProperty("converter.schemas.enable", "false");
    System.exit(new DebeziumCdc(Long.parseLong(a.get("--rows")), a.get("--table"))
        .run(p, TimeUnit.SECONDS.toNanos(Long.parseLong(a.get("--idle-seconds")))));
  }

  private int run(Properties properties, long idleNanos) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    DebeziumEngine<ChangeEvent<byte[], byte[]>> engine = DebeziumEngine.create(JsonByteArray.class)
        .using(properties)
        .using((success, message, error) -> {
          if (rows.get() < expected) {
            failure.compareAndSet(null, "the engine stopped after " + rows.get() + " of " + expected + " rows: "
                + message + (error == null ? "" : " (" + error + ")"));
          }
          done.countDown();
        })
        .notifying(this::handleBatch)
        .build();
    executor.execute(engine);
    while (!done.await(1, TimeUnit.SECONDS)) {
      if (System.nanoTime() - lastEventNanos.get() > idleNanos) {
        failure.compareAndSet(null, "no change event for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos)
            + " s after " + rows.get() + " of " + expected + " rows");
        break;
      }
    }
    out.flush();
    // Bounded: a stop that hangs must not hang the benchmark (System.exit ends the engine's threads).
    Thread closer = new Thread(() -> {
      try {
        engine.close();
      } catch (IOException e) {
        failure.compareAndSet(null, "closing the engine failed: " + e);
      }
    });
    closer.start();
    closer.join(TimeUnit.SECONDS.toMillis(60));
    if (closer.isAlive()) {
      failure.compareAndSet(null, "the engine did not stop within 60 s");
    }
    executor.shutdownNow();
    if (failure.get() == null && rows.get() != expected) {
      failure.set("saw " + rows.get() + " row changes of " + topic + ", expected " + expected);
    }
    if (failure.get() != null) {
      System.err.println("DebeziumCdc: " + failure.get());
      return 1;
    }
    System.err.printf("DebeziumCdc: %d row changes%n", rows.get());
    return 0;
  }

  private void handleBatch(List<ChangeEvent<byte[], byte[]>> events,
      DebeziumEngine.RecordCommitter<ChangeEvent<byte[], byte[]>> committer) throws InterruptedException {
    lastEventNanos.set(System.nanoTime());
    try {
      for (ChangeEvent<byte[], byte[]> event : events) {
        if (event.value() != null) {
          out.write(event.value());
          out.write('\n');
        }
        if (topic.equals(event.destination())) {
          rows.incrementAndGet();
        }
        committer.markProcessed(event);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    committer.markBatchFinished();
    if (rows.get() >= expected) {
      done.countDown();
    }
  }

  private static void fail(String message) {
    System.err.println("DebeziumCdc: " + message);
    System.exit(2);
  }
}
