package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcdk.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built connector jar as a process, killed with SIGKILL in the middle of a CDC sync, then run
 * again from the last STATE line it printed: every row arrives, nothing that state covers comes
 * again, and the slot never moved past that state.
 */
class CdcProcessKillIT {

  private static final Path JAR = Path.of("target", "source-postgres.jar");
  private static final int ROWS = 200_000;

  @TempDir
  static Path dir;
  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int PRIMARY KEY, v text)");

  @Test
  void aConnectorKilledMidStreamResumesFromItsLastStateWithoutLosingARow() throws Exception {
    assumeTrue(Files.exists(JAR), "needs the connector jar: run through mvn verify (package builds it)");
    Path config = write("config.json", CdcFixtures.configJson(table));
    Path catalog = write("catalog.json", catalog());

    Output first = read(config, catalog, null, Integer.MAX_VALUE);
    assertThat(first.exit).isZero();
    for (int t = 0; t < ROWS / 1_000; t++) {
      table.execute("INSERT INTO " + table + " SELECT g, 'v' || g FROM generate_series(" + (t * 1_000 + 1) + ", "
          + (t * 1_000 + 1_000) + ") g");
    }

    Output killed = read(config, catalog, first.lastState, 3);
    assertThat(killed.killed).as("killed before the end of the sync").isTrue();
    Lsn saved = Lsn.parse(killed.lastState.get("global").get("shared_state").get("lsn").asText());
    waitUntilSlotIsFree();
    assertThat(table.confirmedFlush()).as("the slot is never ahead of the saved state").isLessThanOrEqualTo(saved);

    Output resumed = read(config, catalog, killed.lastState, Integer.MAX_VALUE);
    assertThat(resumed.exit).isZero();

    Set<Integer> covered = new HashSet<>(killed.idsBeforeLastState);
    List<Integer> again = resumed.ids.stream().filter(covered::contains).toList();
    Set<Integer> all = new HashSet<>(covered);
    all.addAll(resumed.ids);
    assertThat(again).as("rows the saved state covers are not read again").isEmpty();
    assertThat(all).as("every row arrives").hasSize(ROWS);
  }

  private static JsonNode catalog() {
    return Json.mapper().valueToTree(io.jcdk.protocol.ConfiguredAirbyteCatalog.of(
        List.of(CdcFixtures.stream(table.name()))));
  }

  private record Output(int exit, boolean killed, JsonNode lastState, List<Integer> ids,
      List<Integer> idsBeforeLastState) {}

  /** Runs {@code read}; with {@code killAfterStates} it SIGKILLs the process at that many STATE lines. */
  private static Output read(Path config, Path catalog, JsonNode state, int killAfterStates) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "read", "--config", config.toString(), "--catalog", catalog.toString()));
    if (state != null) {
      ArrayNode states = Json.mapper().createArrayNode().add(state);
      command.addAll(List.of("--state", write("state.json", states).toString()));
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Integer> ids = new ArrayList<>();
    List<Integer> idsBeforeLastState = new ArrayList<>();
    JsonNode lastState = null;
    int states = 0;
    boolean killed = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        JsonNode m = Json.parse(line);
        switch (m.get("type").asText()) {
          case "RECORD" -> ids.add(m.get("record").get("data").get("id").asInt());
          case "STATE" -> {
            lastState = m.get("state");
            idsBeforeLastState = new ArrayList<>(ids);
            if (++states >= killAfterStates) {
              p.destroyForcibly();
              killed = true;
            }
          }
          default -> { }
        }
        if (killed) {
          break;
        }
      }
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the connector did not finish within 5 minutes");
    }
    return new Output(p.exitValue(), killed, lastState, ids, idsBeforeLastState);
  }

  private static void waitUntilSlotIsFree() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if ("f".equals(table.slotColumn("active"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("slot " + table.slot() + " still active 10 s after the kill");
  }

  private static Path write(String name, JsonNode json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, Json.write(json));
    return p;
  }
}
