package io.jcdk.acceptance.report;

import java.time.Duration;

/**
 * How one check ended on one runner. FAILED means the connector is at fault; ERROR means the check
 * could not run (a broken fixture, a harness problem); SKIPPED always carries its reason.
 */
public record CheckResult(String runner, String group, String id, String name, Status status, String message,
    Duration duration) {

  public enum Status {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED
  }
}
