package io.jcdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteMessage.Type;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.source.ReadContext;
import io.jcdk.spec.Secrets;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.Files2;
import io.jcdk.testing.TestSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's error boundary: every failure ends in one TRACE error and the right exit code, a
 * closed stdout is reported on stderr, and no secret reaches any output line.
 */
class ConnectorCliErrorsTest {

  @TempDir Path dir;

  private static final String SECRET = "sk_live_Very-Secret-42";

  private static AirbyteMessage onlyError(CliRun run) {
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.ofType(Type.TRACE)).hasSize(1);
    return run.ofType(Type.TRACE).get(0);
  }

  @Test
  void aSecretNeverAppearsInAnyOutputLineIncludingStackTracesAndLogs() {
    String config = Files2.write(dir, "config.json",
        "{\"count\":5,\"api_key\":\"" + SECRET + "\",\"fail_at\":3,\"auth\":{\"kind\":\"token\",\"token\":\"tok-" + SECRET + "\"}}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
      @Override
      public void read(Config c, ReadContext context) {
        Logger.getLogger("test").info("connecting with " + c.apiKey());
        Logger.getLogger("test").log(Level.WARNING, "retrying",
            new IllegalStateException("401 for " + c.apiKey()));
        super.read(c, context);
      }
    });
    CliRun run = CliRun.run(cli, "", "read", "--config", config, "--catalog", catalog);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain(SECRET).contains("**********");
    AirbyteMessage trace = run.ofType(Type.TRACE).stream().filter(m -> m.trace().error() != null).findFirst().orElseThrow();
    // The transient cause deep in the chain decides the failure type.
    assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
    assertThat(trace.trace().error().stackTrace()).contains("IllegalStateException").contains("**********");
    assertThat(run.ofType(Type.LOG)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aFailedCheckNeverShowsASecretInItsMessage() {
    String config = Files2.write(dir, "config.json", "{\"count\":1,\"api_key\":\"" + SECRET + "\"}");
    ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
      @Override
      public AirbyteConnectionStatus check(Config c) {
        throw ConnectorException.config("The API answered: unknown key " + c.apiKey());
      }
    });
    CliRun run = CliRun.run(cli, "", "check", "--config", config);
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("FAILED").contains("unknown key **********").doesNotContain(SECRET);
  }

  @Test
  void aSecretLearnedAtRuntimeIsMaskedInLogsAndErrors() {
    String token = "runtime-access-token-" + System.nanoTime();
    String config = Files2.write(dir, "config.json", "{\"count\":2,\"api_key\":\"" + SECRET + "\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
      @Override
      public void read(Config c, ReadContext context) {
        Secrets.learn(token);
        Logger.getLogger("test").info("fetched token " + token);
        throw new IllegalStateException("the API refused " + token);
      }
    });
    CliRun run = CliRun.run(cli, "", "read", "--config", config, "--catalog", catalog);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain(token).contains("fetched token **********")
        .contains("the API refused **********");
  }

  @Test
  void anErrorThrownByTheConnectorEndsInATraceErrorToo() {
    String config = Files2.write(dir, "config.json", "{\"count\":5,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    for (Error error : new Error[] {new AssertionError("invariant broken"), new OutOfMemoryError("Java heap space")}) {
      ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
        @Override
        public void read(Config c, ReadContext context) {
          throw error;
        }
      });
      AirbyteMessage trace = onlyError(CliRun.run(cli, "", "read", "--config", config, "--catalog", catalog));
      assertThat(trace.trace().error().failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
      assertThat(trace.trace().error().stackTrace()).contains(error.getClass().getName());
    }
  }

  @Test
  void anOutOfMemoryErrorNamesTheHeapAndHowToRaiseIt() {
    String config = Files2.write(dir, "config.json", "{\"count\":5,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    ConnectorCli cli = ConnectorCli.forSource(new TestSource() {
      @Override
      public void read(Config c, ReadContext context) {
        throw new OutOfMemoryError("Java heap space");
      }
    });
    AirbyteMessage trace = onlyError(CliRun.run(cli, "", "read", "--config", config, "--catalog", catalog));
    assertThat(trace.trace().error().message()).startsWith("The connector ran out of memory (heap maximum "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MB)").contains("-Xmx").contains("JAVA_TOOL_OPTIONS");
  }

  /** As {@code read | head} does: the reader of stdout goes away in the middle of a record. */
  @Test
  void aStdoutClosedMidRecordEndsTheRunWithExitOneAndTheCauseOnStderr() {
    String config = Files2.write(dir, "config.json", "{\"count\":100000,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    OutputStream closed = new FailingOutput(100_000, Integer.MAX_VALUE);
    String stderr = CapturedStderr.of(() -> assertThat(ConnectorCli.forSource(new TestSource())
        .run(new String[] {"read", "--config", config, "--catalog", catalog}, InputStream.nullInputStream(), closed))
        .isEqualTo(1));
    assertThat(stderr).contains("stdout is closed").contains("Broken pipe").doesNotContain("Can not start")
        .doesNotContain("\tat ");
  }

  /** After a write failed in the middle of a message, the TRACE error starts on a line of its own. */
  @Test
  void theTraceAfterAWriteThatFailedMidMessageStartsOnAFreshLine() {
    String config = Files2.write(dir, "config.json", "{\"count\":100000,\"api_key\":\"k\"}");
    String catalog = Files2.write(dir, "catalog.json", Files2.catalog(DestinationSyncMode.APPEND, "users"));
    FailingOutput once = new FailingOutput(100_000, 1);
    int code = ConnectorCli.forSource(new TestSource())
        .run(new String[] {"read", "--config", config, "--catalog", catalog}, InputStream.nullInputStream(), once);
    assertThat(code).isEqualTo(1);
    String[] lines = once.written.toString(StandardCharsets.UTF_8).split("\n");
    AirbyteMessage last = Json.convert(Json.parse(lines[lines.length - 1]), AirbyteMessage.class);
    assertThat(last.trace().error().message()).contains("cannot write to the output");
  }

  /** Accepts {@code limit} bytes, then fails {@code failures} times with "Broken pipe", then accepts again. */
  private static final class FailingOutput extends OutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final int limit;
    private int failures;

    FailingOutput(int limit, int failures) {
      this.limit = limit;
      this.failures = failures;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (written.size() + len > limit && failures > 0) {
        failures--;
        throw new IOException("Broken pipe");
      }
      written.write(b, off, len);
    }
  }
}
