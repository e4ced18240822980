package io.jcdk.acceptance.report;

import io.jcdk.acceptance.report.CheckResult.Status;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The readable report: one line per check as it ends, failures explained in place, a summary at the end. */
public final class TextReport {

  private final PrintStream out;
  private String lastHeading;

  public TextReport(PrintStream out) {
    this.out = out;
  }

  public void header(String connector, String runner) {
    out.println();
    out.println("== " + connector + " — " + runner);
    lastHeading = null;
  }

  public void line(CheckResult r) {
    String heading = r.group();
    if (!heading.equals(lastHeading)) {
      out.println("  " + heading);
      lastHeading = heading;
    }
    out.printf("    %s %-62s %6s  [%s]%n", symbol(r.status()), r.name(), seconds(r.duration()), r.id());
    if (r.message() != null && r.status() != Status.PASSED) {
      String prefix = r.status() == Status.SKIPPED ? "skipped: " : "";
      for (String line : (prefix + r.message()).split("\n")) {
        out.println("        " + line);
      }
    }
  }

  public void summary(List<CheckResult> results, Duration elapsed) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    out.println();
    out.printf("%d passed, %d failed, %d errors, %d skipped in %s%n", counts.getOrDefault(Status.PASSED, 0),
        counts.getOrDefault(Status.FAILED, 0), counts.getOrDefault(Status.ERROR, 0),
        counts.getOrDefault(Status.SKIPPED, 0), seconds(elapsed));
    results.stream().filter(r -> r.status() == Status.FAILED || r.status() == Status.ERROR)
        .forEach(r -> out.println("  " + r.status() + " " + r.runner() + " / " + r.group() + " / " + r.id()));
  }

  private static String symbol(Status status) {
    return switch (status) {
      case PASSED -> "✔";
      case FAILED -> "✘";
      case ERROR -> "!";
      case SKIPPED -> "-";
    };
  }

  private static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
