package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong password is the user's config whatever the command and the replication method: check
 * says FAILED, and a read ends in a config_error (never a transient_error the platform would retry
 * forever). The role authenticates with scram-sha-256, so the server really checks the password.
 */
class WrongPasswordIT {

  @TempDir
  static Path dir;
  private static TestPostgres db;

  @BeforeAll
  static void setUp() {
    assumeTrue(TestPostgres.embedded(), "needs the embedded server's password authentication");
    db = TestPostgres.create("wrong_password");
    db.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pw_replicator') THEN"
            + " CREATE ROLE pw_replicator LOGIN REPLICATION PASSWORD 'right'; END IF; END $$",
        "CREATE TABLE items (id int PRIMARY KEY, v text)",
        "GRANT SELECT ON items TO pw_replicator",
        "CREATE PUBLICATION pw_pub FOR TABLE items",
        "SELECT pg_create_logical_replication_slot('pw_slot', 'pgoutput')");
  }

  private static ObjectNode config(String password, ObjectNode replication) {
    ObjectNode c = Json.object().put("host", db.host()).put("port", db.port()).put("database", db.database())
        .put("username", "pw_replicator").put("password", password);
    c.putArray("schemas").add("public");
    c.putObject("ssl_mode").put("mode", "disable");
    c.set("replication_method", replication);
    return c;
  }

  private static ObjectNode standard() {
    return Json.object().put("method", "Standard");
  }

  private static ObjectNode cdc() {
    return Json.object().put("method", "CDC").put("replication_slot", "pw_slot").put("publication", "pw_pub")
        .put("initial_waiting_seconds", 5);
  }

  private static String catalog(String syncMode, String cursor) {
    return "{\"streams\": [{\"stream\": {\"name\": \"items\", \"namespace\": \"public\", \"json_schema\":"
        + " {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}, \"v\": {\"type\": \"string\"}}},"
        + " \"supported_sync_modes\": [\"full_refresh\", \"incremental\"]}, \"sync_mode\": \"" + syncMode + "\","
        + (cursor == null ? "" : " \"cursor_field\": [\"" + cursor + "\"],")
        + " \"destination_sync_mode\": \"append\"}]}";
  }

  private static List<JsonNode> run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConnectorCli.forSource(new PostgresSource()).errorClassifier(new PostgresErrorClassifier())
        .run(args, new ByteArrayInputStream(new byte[0]), out);
    return out.toString(StandardCharsets.UTF_8).lines().map(Json::parse).toList();
  }

  private static JsonNode error(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.get("type").asText().equals("TRACE")
        && m.get("trace").get("type").asText().equals("ERROR")).findFirst()
        .orElseThrow(() -> new AssertionError("no TRACE error in " + messages)).get("trace").get("error");
  }

  private static Path write(String name, String json) throws Exception {
    return Files.writeString(dir.resolve(name), json);
  }

  @Test
  void theRightPasswordReadsInBothMethods() throws Exception {
    Path standardConfig = write("good-standard.json", Json.write(config("right", standard())));
    Path cdcConfig = write("good-cdc.json", Json.write(config("right", cdc())));

    assertThat(run("read", "--config", standardConfig.toString(), "--catalog",
        write("standard.json", catalog("incremental", "id")).toString()))
        .noneMatch(m -> m.get("type").asText().equals("TRACE") && m.get("trace").has("error"));
    assertThat(run("read", "--config", cdcConfig.toString(), "--catalog",
        write("cdc.json", catalog("incremental", null)).toString()))
        .noneMatch(m -> m.get("type").asText().equals("TRACE") && m.get("trace").has("error"));
  }

  @Test
  void aWrongPasswordIsAConfigErrorInCheckStandardAndCdcReads() throws Exception {
    Path standardConfig = write("standard-config.json", Json.write(config("wrong", standard())));
    Path cdcConfig = write("cdc-config.json", Json.write(config("wrong", cdc())));

    for (Path config : List.of(standardConfig, cdcConfig)) {
      JsonNode status = run("check", "--config", config.toString()).stream()
          .filter(m -> m.get("type").asText().equals("CONNECTION_STATUS")).findFirst().orElseThrow();
      assertThat(status.get("connectionStatus").get("status").asText()).as(config.toString()).isEqualTo("FAILED");
    }
    JsonNode standardRead = error(run("read", "--config", standardConfig.toString(), "--catalog",
        write("standard.json", catalog("incremental", "id")).toString()));
    JsonNode cdcRead = error(run("read", "--config", cdcConfig.toString(), "--catalog",
        write("cdc.json", catalog("incremental", null)).toString()));

    assertThat(standardRead.get("failure_type").asText()).isEqualTo("config_error");
    assertThat(cdcRead.get("failure_type").asText()).isEqualTo("config_error");
    assertThat(cdcRead.get("message").asText()).contains("check username and password").doesNotContain("wrong");
  }
}
