package io.jcdk.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.testing.DiscardingDestination;
import io.jcdk.testing.Files2;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A -Xmx256m destination process writes a stream far larger than its heap. */
class BoundedMemoryIT {

  @TempDir Path dir;

  @Test
  void aSmallHeapWritesAnUnboundedStreamWithoutRunningOutOfMemory() throws Exception {
    String config = Files2.write(dir, "config.json", "{}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "big", "small"));
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classpath, DiscardingDestination.class.getName(), "write", "--config", config, "--catalog", catalog)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    CompletableFuture<List<String>> output = CompletableFuture.supplyAsync(() -> {
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return lines;
    });
    // 1 GiB of input: 100 KB records for one stream, interleaved with a trickle of small ones.
    String blob = "x".repeat(100_000);
    byte[] big = ("{\"type\":\"RECORD\",\"record\":{\"stream\":\"big\",\"emitted_at\":1,\"data\":{\"blob\":\"" + blob + "\"}}}\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] small = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"small\",\"emitted_at\":1,\"data\":{\"id\":1}}}\n"
        .getBytes(StandardCharsets.UTF_8);
    int records = 10_737;
    try (OutputStream in = new BufferedOutputStream(p.getOutputStream(), 1 << 20)) {
      for (int i = 1; i <= records; i++) {
        in.write(big);
        in.write(small);
        if (i % 2_000 == 0) {
          in.write(("{\"type\":\"STATE\",\"state\":{\"type\":\"GLOBAL\",\"global\":{\"shared_state\":{\"i\":" + i
              + "},\"stream_states\":[]}}}\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    List<String> lines = output.get();
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    List<Double> counts = lines.stream().map(l -> Json.convert(Json.parse(l), AirbyteMessage.class))
        .filter(m -> m.type() == AirbyteMessage.Type.STATE).map(m -> m.state().destinationStats().recordCount()).toList();
    assertThat(counts).containsExactly(4000.0, 4000.0, 4000.0, 4000.0, 4000.0);
  }
}
