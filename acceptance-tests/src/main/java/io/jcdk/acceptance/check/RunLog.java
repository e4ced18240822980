package io.jcdk.acceptance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.run.ConnectorRunner.StdinFeed;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.RunningConnector;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.acceptance.run.Violation;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs of one check group. Every run goes through here, so the group's protocol conformance
 * check judges every line the connector printed during the group, whichever check caused the run.
 */
public final class RunLog {

  private static final int VIOLATIONS_SHOWN = 5;

  private static final AtomicInteger SAVED = new AtomicInteger();

  private final SuiteContext context;
  private final String suite;
  private final List<Transcript> transcripts = new ArrayList<>();

  RunLog(SuiteContext context, String suite) {
    this.context = context;
    this.suite = suite;
  }

  /** Runs to the end; {@code connectorConfig} (may be null) tells which secrets must not be printed. */
  public Transcript run(Invocation invocation, JsonNode connectorConfig) {
    return run(invocation, connectorConfig, null);
  }

  public Transcript run(Invocation invocation, JsonNode connectorConfig, StdinFeed stdin) {
    return record(context.runner().run(invocation, context.secrets(connectorConfig), stdin));
  }

  /** Starts a run to drive by hand; pass its transcript to {@link #record} when finished. */
  public RunningConnector start(Invocation invocation, JsonNode connectorConfig) {
    return context.runner().start(invocation, context.secrets(connectorConfig));
  }

  public synchronized Transcript record(Transcript transcript) {
    transcripts.add(transcript);
    saveIfAsked(transcript);
    return transcript;
  }

  /**
   * With {@code JCDK_ACCEPTANCE_TRANSCRIPTS=<dir>}, every run's messages are saved there as JSON lines
   * (one file per run), to see exactly what a connector printed when a check fails.
   */
  private void saveIfAsked(Transcript t) {
    String dir = System.getenv("JCDK_ACCEPTANCE_TRANSCRIPTS");
    if (dir == null || dir.isBlank()) {
      return;
    }
    String name = String.format("%04d-%s-%s-%s.jsonl", SAVED.incrementAndGet(), t.runner(), suite,
        t.invocation().split(" ")[0]);
    try {
      Path file = Files.createDirectories(Path.of(dir)).resolve(name);
      List<String> lines = new ArrayList<>();
      t.messages().forEach(m -> lines.add(Json.write(m)));
      t.violations().forEach(v -> lines.add("# " + v));
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the transcript to " + dir, e);
    }
  }

  /** Every stdout line of every run in this group is a valid protocol message and shows no secret. */
  public Check conformanceCheck() {
    return Check.of(suite + ".protocol_conformance", "every stdout line is a valid protocol message", () -> {
      List<Transcript> runs;
      synchronized (this) {
        runs = List.copyOf(transcripts);
      }
      if (runs.isEmpty()) {
        throw Check.skip("no connector run happened in this group");
      }
      StringBuilder problems = new StringBuilder();
      int total = 0;
      for (Transcript t : runs) {
        for (Violation v : t.violations()) {
          if (total++ < VIOLATIONS_SHOWN) {
            problems.append("\n  '").append(t.invocation()).append("' ").append(v);
          }
        }
      }
      if (total > 0) {
        throw Check.fail(total + " stdout line(s) in " + runs.size() + " run(s) are not valid protocol messages:"
            + problems + (total > VIOLATIONS_SHOWN ? "\n  … and " + (total - VIOLATIONS_SHOWN) + " more" : ""));
      }
    });
  }
}
