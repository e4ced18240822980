package io.jcdk.acceptance.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.ConnectionTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.ExpectedStatus;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteTraceMessage;
import java.util.List;

/**
 * {@code check}: a good config gives SUCCEEDED, a config the user got wrong gives FAILED with a
 * message (exit 0), and a config that makes the connector fail gives a TRACE error (exit non-zero):
 * in each case exactly one status or trace error.
 */
public final class ConnectionSuite {

  private ConnectionSuite() {}

  public static CheckGroup group(SuiteContext context, ConnectionTest test, String name) {
    if (test.configPath() == null || test.status() == null) {
      throw new IllegalArgumentException("a connection test needs config_path and status (succeed, failed or "
          + "exception); " + name + " has " + test);
    }
    RunLog log = context.newLog("connection");
    Lazy<Transcript> run = Lazy.of(() -> {
      JsonNode config = context.fixtures().json(test.configPath());
      return log.run(Invocation.check(config).withTimeout(SuiteContext.timeout(test.timeoutSeconds())), config);
    });
    String expected = switch (test.status()) {
      case SUCCEED -> "succeeds with " + test.configPath();
      case FAILED -> "reports FAILED for " + test.configPath();
      case EXCEPTION -> "reports a TRACE error for " + test.configPath();
    };
    Check status = Check.of("connection.status", "check " + expected, () -> verify(run.get(), test));
    return new CheckGroup("connection", name, List.of(status, log.conformanceCheck()));
  }

  /** Public for destination suites, which check their valid and invalid configs the same way. */
  public static void verify(Transcript t, ConnectionTest test) {
    List<AirbyteConnectionStatus> statuses = t.connectionStatuses();
    List<AirbyteTraceMessage.Error> errors = t.errors();
    if (statuses.size() + errors.size() != 1) {
      throw Check.fail("check must print exactly one CONNECTION_STATUS or TRACE error, printed " + statuses.size()
          + " status(es) and " + errors.size() + " error(s)\n  " + t.diagnostics());
    }
    ExpectedStatus want = test.status();
    switch (want) {
      case SUCCEED -> {
        if (statuses.isEmpty() || statuses.get(0).status() != AirbyteConnectionStatus.Status.SUCCEEDED) {
          throw Check.fail("expected SUCCEEDED with " + test.configPath() + ", got " + describe(statuses, errors)
              + "\n  " + t.diagnostics());
        }
        requireExit0(t);
      }
      case FAILED -> {
        if (statuses.isEmpty() || statuses.get(0).status() != AirbyteConnectionStatus.Status.FAILED) {
          throw Check.fail("expected a FAILED status for " + test.configPath() + " (a problem the user can fix is "
              + "reported as a status, exit 0), got " + describe(statuses, errors) + "\n  " + t.diagnostics());
        }
        if (statuses.get(0).message() == null || statuses.get(0).message().isBlank()) {
          throw Check.fail("the FAILED status has no message: the user cannot tell what to fix");
        }
        requireExit0(t);
      }
      case EXCEPTION -> {
        if (errors.isEmpty()) {
          throw Check.fail("expected a TRACE error for " + test.configPath() + ", got " + describe(statuses, errors));
        }
        if (t.exitCode() == 0) {
          throw Check.fail("after a TRACE error the connector must exit non-zero, exited 0");
        }
      }
    }
  }

  private static void requireExit0(Transcript t) {
    if (!t.succeeded()) {
      throw Check.fail("check must exit 0 when it printed a status\n  " + t.diagnostics());
    }
  }

  private static String describe(List<AirbyteConnectionStatus> statuses, List<AirbyteTraceMessage.Error> errors) {
    if (!statuses.isEmpty()) {
      AirbyteConnectionStatus s = statuses.get(0);
      return s.status() + (s.message() == null ? "" : " (" + s.message() + ")");
    }
    if (!errors.isEmpty()) {
      return "a TRACE error (" + errors.get(0).failureType() + ": " + errors.get(0).message() + ")";
    }
    return "nothing";
  }
}
