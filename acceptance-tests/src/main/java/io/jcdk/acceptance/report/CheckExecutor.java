package io.jcdk.acceptance.report;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.report.CheckResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.opentest4j.TestAbortedException;

/** Runs check groups outside JUnit (for {@code ./jcdk test}), in order, reporting each result as it ends. */
public final class CheckExecutor {

  private CheckExecutor() {}

  public static List<CheckResult> run(String runner, List<CheckGroup> groups, Consumer<CheckResult> onResult) {
    List<CheckResult> results = new ArrayList<>();
    for (CheckGroup group : groups) {
      for (Check check : group.checks()) {
        CheckResult result = run(runner, group, check);
        results.add(result);
        onResult.accept(result);
      }
    }
    return results;
  }

  private static CheckResult run(String runner, CheckGroup group, Check check) {
    long start = System.nanoTime();
    Status status;
    String message;
    try {
      check.body().execute();
      status = Status.PASSED;
      message = null;
    } catch (TestAbortedException e) {
      status = Status.SKIPPED;
      message = e.getMessage();
    } catch (AssertionError e) {
      status = Status.FAILED;
      message = e.getMessage();
    } catch (Throwable e) {
      status = Status.ERROR;
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new CheckResult(runner, group.name(), check.id(), check.name(), status, message,
        Duration.ofNanos(System.nanoTime() - start));
  }
}
