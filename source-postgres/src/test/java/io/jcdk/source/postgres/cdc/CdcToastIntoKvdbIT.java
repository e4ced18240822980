package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.cli.LocalSync;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built connector jars end to end, source-postgres into destination-kvdb (append_dedup) with
 * {@code LocalSync}, as {@code jcdk sync} runs them: under REPLICA IDENTITY DEFAULT an update that
 * leaves a TOASTed column unchanged lands with the column's value, the row the database holds.
 */
class CdcToastIntoKvdbIT {

  private static final Path SOURCE_JAR = Path.of("target", "source-postgres.jar");
  private static final Path DESTINATION_JAR = Path.of("..", "destination-kvdb", "target", "destination-kvdb.jar");

  @TempDir
  static Path dir;
  // Out of line from 2 kB on, and never compressed back under the limit.
  @RegisterExtension
  static final CdcTable table = CdcTable.of("(id int PRIMARY KEY, title text, body text)",
      "ALTER COLUMN body SET STORAGE EXTERNAL");

  @Test
  void anUpdateThatLeavesAToastedColumnUnchangedLandsWithItsValue() throws Exception {
    assumeTrue(Files.exists(SOURCE_JAR) && Files.exists(DESTINATION_JAR),
        "needs both connector jars: run through mvn verify (the reactor packages destination-kvdb first)");
    String body1 = "one ".repeat(10_000);
    String body2 = "two ".repeat(10_000);
    table.execute("INSERT INTO " + table + " VALUES (1, 'first', '" + body1 + "'), (2, 'second', '" + body2 + "')");
    Path sourceConfig = write("source.json", CdcFixtures.configJson(table));
    Path destinationConfig = write("destination.json", Json.object().set("store",
        Json.object().put("type", "embedded").put("path", dir.resolve("kvdb").toString())));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LocalSync sync = new LocalSync(new LocalSync.Endpoint(java(SOURCE_JAR), sourceConfig),
        new LocalSync.Endpoint(java(DESTINATION_JAR), destinationConfig), dir.resolve("sync"),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    ConfiguredAirbyteCatalog catalog = LocalSync.configureAll(sync.discover());

    sync.run(catalog);
    table.execute("UPDATE " + table + " SET title = 'first, renamed' WHERE id = 1",
        "UPDATE " + table + " SET title = 'second, renamed' WHERE id = 2");
    sync.run(catalog);

    Map<Integer, JsonNode> stored = dump(destinationConfig);
    assertThat(stored).as(log.toString(StandardCharsets.UTF_8)).containsOnlyKeys(1, 2);
    assertThat(stored.get(1).get("title").asText()).isEqualTo("first, renamed");
    assertThat(stored.get(1).path("body").asText()).as("the unchanged TOASTed value").isEqualTo(body1);
    assertThat(stored.get(2).path("body").asText()).isEqualTo(body2);
  }

  /** The stream's entries in the store, by id. */
  private static Map<Integer, JsonNode> dump(Path config) throws Exception {
    List<String> command = new ArrayList<>(java(DESTINATION_JAR));
    command.addAll(List.of("dump", "--config", config.toString(), "--namespace", "public", "--stream", table.name()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isZero();
    Map<Integer, JsonNode> rows = new HashMap<>();
    out.lines().map(Json::parse).forEach(entry -> rows.put(entry.get("value").get("id").asInt(), entry.get("value")));
    return rows;
  }

  private static List<String> java(Path jar) {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
  }

  private static Path write(String name, JsonNode json) throws Exception {
    return Files.writeString(dir.resolve(name), Json.write(json));
  }
}
