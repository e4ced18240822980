package io.jcdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.testing.Files2;
import io.jcdk.testing.TestSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read | head}: a source process whose stdout closes while it writes. */
class ClosedStdoutIT {

  @TempDir Path dir;

  @Test
  void aReaderThatStopsEarlyEndsTheSourceWithExitOneAndOneLineOnStderr() throws Exception {
    String config = Files2.write(dir, "config.json", "{\"count\":10000000,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path stderr = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", classpath, TestSource.class.getName(), "read", "--config", config, "--catalog", catalog)
        .redirectError(stderr.toFile())
        .start();
    try (InputStream out = p.getInputStream()) {
      assertThat(out.readNBytes(100_000)).hasSize(100_000); // then close, as head does
    }

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the source ends by itself").isTrue();
    String err = Files.readString(stderr);
    assertThat(p.exitValue()).as(err).isEqualTo(1);
    assertThat(err).contains("stdout is closed").doesNotContain("Exception in thread").doesNotContain("Can not start");
  }
}
