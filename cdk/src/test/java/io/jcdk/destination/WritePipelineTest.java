package io.jcdk.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.Files2;
import io.jcdk.testing.TestDestination;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritePipelineTest {

  @TempDir Path dir;
  private final TestDestination destination = new TestDestination();

  private static String record(String stream, int id) {
    return "{\"type\":\"RECORD\",\"record\":{\"stream\":\"" + stream + "\",\"emitted_at\":1,\"data\":{\"id\":" + id + "}}}\n";
  }

  private static String state(String stream, int id) {
    return "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"" + stream
        + "\"},\"stream_state\":{\"id\":" + id + "}}}}\n";
  }

  private static String global(int id) {
    return "{\"type\":\"STATE\",\"state\":{\"type\":\"GLOBAL\",\"global\":{\"shared_state\":{\"lsn\":" + id
        + "},\"stream_states\":[]}}}\n";
  }

  private static String status(String stream, String status) {
    return "{\"type\":\"TRACE\",\"trace\":{\"type\":\"STREAM_STATUS\",\"emitted_at\":1,\"stream_status\":{"
        + "\"stream_descriptor\":{\"name\":\"" + stream + "\"},\"status\":\"" + status + "\"}}}\n";
  }

  private CliRun write(String config, String input) {
    String c = Files2.write(dir, "config.json", config);
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users", "orders"));
    return CliRun.run(ConnectorCli.forDestination(destination), input, "write", "--config", c, "--catalog", catalog);
  }

  @Test
  void interleavedStreamsEchoEachStateAfterItsRecordsAreCommittedWithPerStreamCounts() {
    CliRun run = write("{}", record("users", 1) + record("orders", 1) + record("users", 2) + state("users", 2)
        + record("orders", 2) + state("orders", 2) + state("users", 2) + record("users", 3));
    assertThat(run.exitCode()).isZero();
    assertThat(run.timeline()).containsExactly("STATE users 2.0", "STATE orders 2.0", "STATE users 0.0");
    assertThat(destination.journal).containsExactly(
        "open", "write users 2", "write orders 1", "commit", "write orders 1", "commit", "commit",
        "write users 1", "commit", "complete orders", "incomplete users", "close");
    assertThat(destination.committed).hasSize(5);
  }

  @Test
  void recordDataReachesTheLoaderAsTheInputBytesWithoutEverBeingParsed() {
    CliRun run = write("{}", "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"emitted_at\":1,"
        + "\"data\":{\"z\": 1.50, \"a\":\"\\u00e9\"}}}\n");
    assertThat(run.exitCode()).isZero();
    assertThat(destination.committed).singleElement().satisfies(r -> {
      assertThat(r.data().isParsed()).isFalse();
      assertThat(r.data().toString()).isEqualTo("{\"z\": 1.50, \"a\":\"\\u00e9\"}");
    });
  }

  @Test
  void globalStatesCountRecordsOfAllStreams() {
    CliRun run = write("{}", record("users", 1) + record("orders", 1) + global(1) + record("users", 2) + global(2));
    assertThat(run.timeline()).containsExactly("GLOBAL 2.0", "GLOBAL 1.0");
  }

  @Test
  void aFailedCommitEchoesNoStateForItsRecordsAndNothingAfter() {
    CliRun run = write("{\"password\":\"pw-123456\",\"fail_at_commit\":2}",
        record("users", 1) + state("users", 1) + record("users", 2) + state("users", 2) + record("users", 3) + state("users", 3));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("STATE users 1.0", "TRACE ERROR system_error");
    assertThat(run.stdout()).doesNotContain("pw-123456");
    assertThat(destination.journal).containsExactly("open", "write users 1", "commit", "write users 1", "close");
  }

  @Test
  void buffersFlushBySizeBeforeAnyStateButCommitOnlyAtTheState() {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      in.append(record("users", i));
    }
    in.append(state("users", 99));
    CliRun run = write("{\"batch_bytes\":1000}", in.toString());
    assertThat(run.timeline()).containsExactly("STATE users 100.0");
    assertThat(destination.journal.stream().filter(s -> s.startsWith("write"))).hasSizeGreaterThan(5);
    assertThat(destination.journal.indexOf("commit")).isGreaterThan(destination.journal.lastIndexOf("write users 8"));
    assertThat(destination.committed).hasSize(100);
  }

  @Test
  void streamStatusReachesTheLoaderAfterTheStreamsRecordsAreCommitted() {
    CliRun run = write("{}", record("users", 1) + status("users", "COMPLETE") + record("orders", 1)
        + status("orders", "INCOMPLETE"));
    assertThat(run.exitCode()).isZero();
    assertThat(destination.journal).containsExactly(
        "open", "write users 1", "commit", "complete users", "write orders 1", "commit", "incomplete orders", "commit", "close");
  }

  @Test
  void whenTheInputCarriesStatusesOnlyStreamsReportedCompleteAreCompletedAtTheEnd() {
    CliRun run = write("{}", record("users", 1) + status("users", "COMPLETE") + record("orders", 1));
    assertThat(run.exitCode()).isZero();
    assertThat(destination.journal).containsExactly(
        "open", "write users 1", "commit", "complete users", "write orders 1", "commit", "incomplete orders", "close");
  }

  /** A source that dies before its first message leaves the destination an empty input. */
  @Test
  void emptyInputCompletesNoStream() {
    CliRun run = write("{}", "");
    assertThat(run.exitCode()).isZero();
    assertThat(destination.journal).containsExactly("open", "commit", "incomplete users", "incomplete orders", "close");
  }

  /**
   * Input without any stream status (a source older than stream status) completes a stream only if
   * its last message was its state: records after it mean the input was cut short.
   */
  @Test
  void inputWithoutStatusCompletesOnlyStreamsWhoseLastMessageWasTheirState() {
    CliRun run = write("{}", record("users", 1) + state("users", 1) + record("orders", 1) + state("orders", 1)
        + record("orders", 2));
    assertThat(run.exitCode()).isZero();
    assertThat(destination.journal).containsExactly("open", "write users 1", "commit", "write orders 1", "commit",
        "write orders 1", "commit", "complete users", "incomplete orders", "close");
  }

  @Test
  void aGlobalStateCoversEveryStreamWhenTheInputCarriesNoStatus() {
    write("{}", record("users", 1) + record("orders", 1) + global(1) + record("users", 2));
    assertThat(destination.journal).endsWith("complete orders", "incomplete users", "close");
  }

  @Test
  void eachStateTellsTheLoaderWhichStreamsItCovers() {
    List<String> calls = new CopyOnWriteArrayList<>();
    Loader loader = new Loader() {
      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {}

      @Override
      public void commit() {}

      @Override
      public CompletionStage<Void> checkpoint(List<ConfiguredAirbyteStream> streams) {
        calls.add("checkpoint " + streams.stream().map(s -> s.stream().name()).toList());
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void close() {}
    };
    String input = record("users", 1) + state("users", 1) + state("unknown", 1) + record("orders", 1) + global(2);
    new WritePipeline(loader, Files2.catalog(DestinationSyncMode.APPEND, "users", "orders"), BufferPolicy.defaults(),
        new MessageWriter(new ByteArrayOutputStream()))
        .run(new MessageReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
    assertThat(calls).containsExactly("checkpoint [users]", "checkpoint []", "checkpoint [users, orders]");
  }

  @Test
  void decimalsKeepEveryDigitWhenAConnectorParsesRecordData() {
    write("{}", "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"emitted_at\":1,"
        + "\"data\":{\"n\":123456789012345678901234567890.123456789,\"s\":1.50}}}\n");
    var data = destination.committed.get(0).data().tree();
    assertThat(data.get("n").decimalValue()).isEqualByComparingTo("123456789012345678901234567890.123456789");
    assertThat(data.get("s").toString()).isEqualTo("1.50");
  }

  @Test
  void aLegacyStateIsRefusedWithAClearErrorAndNotEchoed() {
    CliRun run = write("{}", record("users", 1) + "{\"type\":\"STATE\",\"state\":{\"data\":{\"x\":1}}}\n");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("TRACE ERROR config_error");
    assertThat(run.stdout()).contains("Line 2").contains("LEGACY");
  }
  /**
   * The loader runs on its own thread: while it is busy committing, the input is read on. Here the
   * first commit waits until the whole input has been read, which a one-thread pipeline never does.
   */
  @Test
  void readingTheInputGoesOnWhileTheLoaderCommits() throws Exception {
    CountDownLatch inputRead = new CountDownLatch(1);
    List<String> calls = new CopyOnWriteArrayList<>();
    Loader slowCommits = new Loader() {
      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
        calls.add("write " + records.size());
      }

      @Override
      public void commit() {
        try {
          calls.add(inputRead.await(10, TimeUnit.SECONDS) ? "commit after the input was read" : "commit");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void close() {}
    };
    StringBuilder input = new StringBuilder(record("users", 0) + state("users", 0));
    for (int i = 1; i <= 2_000; i++) {
      input.append(record("users", i)); // well beyond the reader's 64 KiB buffer
    }
    InputStream in = new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        if (n < 0) {
          inputRead.countDown();
        }
        return n;
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(out);
    new WritePipeline(slowCommits, Files2.catalog(DestinationSyncMode.APPEND, "users"), BufferPolicy.defaults(), writer)
        .run(new MessageReader(in));
    assertThat(calls).containsExactly("write 1", "commit after the input was read", "write 2000",
        "commit after the input was read");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"destinationStats\":{\"recordCount\":1.0}");
  }

  @Test
  void aBadLineAfterAStateStillEchoesTheStateBeforeIt() {
    CliRun run = write("{}", record("users", 1) + state("users", 1) + record("users", 2) + "{not json\n");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("STATE users 1.0", "TRACE ERROR system_error");
    assertThat(destination.journal).containsExactly("open", "write users 1", "commit", "close");
  }

  /**
   * A loader that commits asynchronously keeps receiving writes while a commit is pending; each
   * state is echoed only once its commit and every earlier one completed, in input order; a failed
   * commit echoes nothing more and fails the run; and the run returns only after every commit ended.
   */
  @Test
  void asynchronousCommitsOverlapLaterWritesAndEchoStatesInOrderOnceDurable() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> commits = new CopyOnWriteArrayList<>();
    Loader loader = new Loader() {
      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
        calls.add("write " + records.get(0).data());
      }

      @Override
      public void commit() {
        calls.add("commit");
      }

      @Override
      public CompletionStage<Void> commitAsync() {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        commits.add(commit);
        calls.add("commit " + commits.size() + " started");
        return commit;
      }

      @Override
      public void close() {}
    };
    String input = record("users", 1) + state("users", 1) + record("users", 2) + state("users", 2)
        + record("users", 3) + state("users", 3) + record("users", 4);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> run = CompletableFuture.runAsync(() ->
        new WritePipeline(loader, Files2.catalog(DestinationSyncMode.APPEND, "users"), BufferPolicy.defaults(),
            new MessageWriter(out)).run(new MessageReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))));

    await(() -> calls.contains("commit"));
    assertThat(calls).containsExactly("write {\"id\":1}", "commit 1 started", "write {\"id\":2}", "commit 2 started",
        "write {\"id\":3}", "commit 3 started", "write {\"id\":4}", "commit");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

    commits.get(1).complete(null); // the second commit is durable, the first not yet: nothing to echo
    Thread.sleep(50);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    commits.get(0).complete(null);
    await(() -> out.toString(StandardCharsets.UTF_8).contains("\"id\":2"));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"stream_state\":{\"id\":1}");
    assertThat(run).isNotDone(); // the third commit is still running

    commits.get(2).completeExceptionally(new IllegalStateException("disk gone"));
    assertThat(run).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
        .withRootCauseInstanceOf(IllegalStateException.class).withMessageContaining("disk gone");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\"id\":3");
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
