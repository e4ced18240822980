package io.jcdk.benchmarks;

import io.jcdk.destination.BufferPolicy;
import io.jcdk.destination.Loader;
import io.jcdk.destination.WritePipeline;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records per second through the kit's message path, one thread. Multiply by {@code lineBytes}
 * for bytes per second.
 *
 * <ul>
 *   <li>{@code read}: stdin bytes → {@link MessageReader} → record with raw data.
 *   <li>{@code write}: record → {@link MessageWriter} → stdout bytes.
 *   <li>{@code pipeline}: a destination's whole path — read → per-stream buffer → loader (which
 *       drops the batch) → commit → state echo — with a state every 1,000 records.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MessageIoBenchmark {

  static final int RECORDS = 2_000;

  /** Bytes of one whole RECORD line: a typical 300-byte row, and a 100 KB document. */
  @Param({"300", "100000"})
  public int lineBytes;

  private byte[] input;
  private List<AirbyteRecordMessage> records;
  private ConfiguredAirbyteCatalog catalog;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    input = Inputs.stream(Inputs.recordLine(lineBytes), RECORDS, 1_000);
    records = new java.util.ArrayList<>();
    MessageReader reader = new MessageReader(new ByteArrayInputStream(input));
    AirbyteMessage m;
    while ((m = reader.next()) != null) {
      if (m.type() == AirbyteMessage.Type.RECORD) {
        records.add(m.record());
      }
    }
    catalog = ConfiguredAirbyteCatalog.of(List.of(ConfiguredAirbyteStream.of(
        AirbyteStream.of(StreamDescriptor.of("public", "users"), Json.object(), List.of(SyncMode.FULL_REFRESH)),
        SyncMode.FULL_REFRESH, DestinationSyncMode.APPEND)));
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void read(Blackhole bh) throws IOException {
    MessageReader reader = new MessageReader(new ByteArrayInputStream(input));
    AirbyteMessage m;
    while ((m = reader.next()) != null) {
      bh.consume(m);
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void write(Blackhole bh) {
    MessageWriter writer = new MessageWriter(new NullOutput(bh));
    for (AirbyteRecordMessage r : records) {
      writer.write(r);
    }
    writer.flush();
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void pipeline(Blackhole bh) {
    MessageWriter out = new MessageWriter(new NullOutput(bh));
    Loader loader = new Loader() {
      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> batch) {
        bh.consume(batch);
      }

      @Override
      public void commit() {}

      @Override
      public void close() {}
    };
    new WritePipeline(loader, catalog, new BufferPolicy(64L << 20, 8L << 20, Duration.ofMinutes(1)), out)
        .run(new MessageReader(new ByteArrayInputStream(input)));
  }

  /** Copies every byte once, as a pipe's write would, into a scratch buffer. */
  static final class NullOutput extends OutputStream {
    private final Blackhole bh;
    private final byte[] scratch = new byte[1 << 16];

    NullOutput(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void write(int b) {
      scratch[0] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int done = 0; done < len; done += scratch.length) {
        System.arraycopy(b, off + done, scratch, 0, Math.min(scratch.length, len - done));
      }
      bh.consume(scratch[0]);
    }
  }
}
