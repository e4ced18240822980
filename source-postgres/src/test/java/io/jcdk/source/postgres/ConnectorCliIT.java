package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.ProtocolSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector through its command line: an Airbyte source-postgres config works unchanged, every
 * line is a valid protocol message, and secrets never reach stdout. The last test runs the built
 * jar as a process.
 */
class ConnectorCliIT {

  @TempDir
  static Path dir;
  private static TestPostgres db;

  @BeforeAll
  static void setUp() {
    db = TestPostgres.create("cli");
    db.execute("CREATE TABLE users (id int PRIMARY KEY, name text, updated_at timestamptz)",
        "INSERT INTO users SELECT g, 'user ' || g, now() FROM generate_series(1, 50) g");
  }

  /** A config as Airbyte's source-postgres writes it, with every optional block. */
  private static ObjectNode airbyteConfig() {
    ObjectNode c = (ObjectNode) Json.parse("""
        {"host": "%s", "port": %d, "database": "%s", "username": "postgres", "password": "s3cr3t-pw",
         "schemas": ["public"], "jdbc_url_params": "connectTimeout=20&ApplicationName=airbyte",
         "ssl_mode": {"mode": "prefer"},
         "replication_method": {"method": "Standard"},
         "tunnel_method": {"tunnel_method": "NO_TUNNEL"}}
        """.formatted(db.host(), db.port(), db.database()));
    return c;
  }

  private static List<String> run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConnectorCli.forSource(new PostgresSource()).errorClassifier(new PostgresErrorClassifier())
        .run(args, new ByteArrayInputStream(new byte[0]), out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    for (String line : lines) {
      assertThat(ProtocolSchema.problems(line)).as(line).isEmpty();
    }
    return lines;
  }

  private static Path write(String name, Object json) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, json instanceof String s ? s : Json.write(json));
    return p;
  }

  private static List<JsonNode> messages(List<String> lines, String type) {
    List<JsonNode> found = new ArrayList<>();
    for (String l : lines) {
      JsonNode m = Json.parse(l);
      if (m.get("type").asText().equals(type)) {
        found.add(m);
      }
    }
    return found;
  }

  @Test
  void specHasAirbytesFieldNamesAndSecrets() {
    JsonNode spec = messages(run("spec"), "SPEC").get(0).get("spec").get("connectionSpecification");
    JsonNode props = spec.get("properties");
    assertThat(props.fieldNames()).toIterable().contains("host", "port", "database", "username", "password", "schemas",
        "jdbc_url_params", "ssl_mode", "replication_method", "tunnel_method", "checkpoint_target_interval_seconds",
        "fetch_size");
    assertThat(props.get("password").get("airbyte_secret").asBoolean()).isTrue();
    String text = spec.toString();
    for (String field : List.of("replication_slot", "publication", "initial_waiting_seconds", "lsn_commit_behaviour",
        "heartbeat_action_query", "invalid_cdc_cursor_position_behavior", "ca_certificate", "client_key_password",
        "tunnel_user_password", "ssh_key", "tunnel_host_key", "SSH_KEY_AUTH", "SSH_PASSWORD_AUTH", "verify-full", "Xmin",
        "After loading Data in the destination", "Re-sync data")) {
      assertThat(text).contains(field);
    }
  }

  @Test
  void airbyteConfigChecksDiscoversAndReadsUnchanged() throws Exception {
    Path config = write("config.json", airbyteConfig());
    List<String> check = run("check", "--config", config.toString());
    assertThat(messages(check, "CONNECTION_STATUS").get(0).get("connectionStatus").get("status").asText())
        .isEqualTo("SUCCEEDED");

    List<String> discover = run("discover", "--config", config.toString());
    AirbyteCatalog catalog = Json.mapper().treeToValue(messages(discover, "CATALOG").get(0).get("catalog"),
        AirbyteCatalog.class);
    Path catalogFile = write("catalog.json", Catalogs.incremental(Catalogs.stream(catalog, "users"), "updated_at"));
    List<String> read = run("read", "--config", config.toString(), "--catalog", catalogFile.toString());
    assertThat(messages(read, "RECORD")).hasSize(50);
    List<JsonNode> states = messages(read, "STATE");
    assertThat(states).isNotEmpty();
    assertThat(String.join("\n", read)).doesNotContain("s3cr3t-pw");

    Path state = write("state.json", "[" + states.get(states.size() - 1).get("state") + "]");
    List<String> again = run("read", "--config", config.toString(), "--catalog", catalogFile.toString(),
        "--state", state.toString());
    assertThat(messages(again, "RECORD")).hasSize(50); // all share one updated_at: read again, never lost
  }

  @Test
  void aStateWithoutNamespaceResumesACursorReadWithOnlyTheNewRows() throws Exception {
    db.execute("CREATE TABLE resumed (id int PRIMARY KEY, seq int)",
        "INSERT INTO resumed SELECT g, g FROM generate_series(1, 20) g");
    Path config = write("resume-config.json", airbyteConfig());
    AirbyteCatalog catalog = Json.mapper().treeToValue(
        messages(run("discover", "--config", config.toString()), "CATALOG").get(0).get("catalog"), AirbyteCatalog.class);
    Path catalogFile = write("resume-catalog.json", Catalogs.incremental(Catalogs.stream(catalog, "resumed"), "seq"));
    List<JsonNode> states = messages(run("read", "--config", config.toString(), "--catalog", catalogFile.toString()),
        "STATE");
    ObjectNode last = (ObjectNode) states.get(states.size() - 1).get("state").deepCopy();
    // As Airbyte's connector acceptance tests send it: the descriptor without its namespace.
    ((ObjectNode) last.get("stream").get("stream_descriptor")).remove("namespace");
    last.remove("sourceStats");
    db.execute("INSERT INTO resumed SELECT g, g FROM generate_series(21, 25) g");

    List<String> again = run("read", "--config", config.toString(), "--catalog", catalogFile.toString(),
        "--state", write("resume-state.json", "[" + last + "]").toString());
    assertThat(messages(again, "RECORD")).extracting(r -> r.get("record").get("data").get("id").asInt())
        .containsExactly(20, 21, 22, 23, 24, 25);
  }

  private static String status(List<String> lines) {
    return messages(lines, "CONNECTION_STATUS").get(0).get("connectionStatus").get("status").asText();
  }

  private static String statusMessage(List<String> lines) {
    return messages(lines, "CONNECTION_STATUS").get(0).get("connectionStatus").path("message").asText();
  }

  private static List<String> logs(List<String> lines) {
    return messages(lines, "LOG").stream().map(l -> l.get("log").get("message").asText()).toList();
  }

  @Test
  void sslModeEnableOfTheCdcGuideIsReadAsRequireWithANote() throws Exception {
    ObjectNode c = airbyteConfig();
    c.set("ssl_mode", Json.parse("{\"mode\": \"enable\"}"));
    List<String> lines = run("check", "--config", write("enable.json", c).toString());
    // This test server has no TLS: with TLS required, the connection is refused, and said so.
    assertThat(status(lines)).isEqualTo("FAILED");
    assertThat(statusMessage(lines)).doesNotContain("spec").containsIgnoringCase("ssl");
    assertThat(logs(lines)).anySatisfy(l -> assertThat(l).contains("ssl_mode.mode 'enable'").contains("'require'"));
  }

  @Test
  void replicationInJdbcUrlParamsIsExplainedAndLeftToTheConnector() throws Exception {
    ObjectNode c = airbyteConfig();
    c.put("jdbc_url_params", "replication=postgres&connectTimeout=20");
    Path config = write("replication-param.json", c);
    List<String> check = run("check", "--config", config.toString());
    assertThat(status(check)).as(statusMessage(check)).isEqualTo("SUCCEEDED");
    assertThat(logs(check)).anySatisfy(l -> assertThat(l).contains("jdbc_url_params")
        .contains("replication=postgres").contains("replication connections"));
    Path catalogFile = write("replication-param-catalog.json", Catalogs.fullRefresh(Catalogs.stream(
        Json.mapper().treeToValue(messages(run("discover", "--config", config.toString()), "CATALOG").get(0)
            .get("catalog"), AirbyteCatalog.class), "users")));
    List<String> read = run("read", "--config", config.toString(), "--catalog", catalogFile.toString());
    assertThat(messages(read, "RECORD")).hasSize(50);
  }

  @Test
  void aMistakeInAChoiceNamesOnlyTheBranchTheConfigChose() throws Exception {
    ObjectNode c = airbyteConfig();
    c.set("ssl_mode", Json.parse("{\"mode\": \"verify-ca\"}"));
    String message = statusMessage(run("check", "--config", write("verify-ca.json", c).toString()));
    assertThat(message).contains("field 'ssl_mode': required property 'ca_certificate' not found"
        + " (as ssl_mode.mode is 'verify-ca')").doesNotContain("disable").doesNotContain("constant");
    c.set("ssl_mode", Json.parse("{\"mode\": \"enabled\"}"));
    assertThat(statusMessage(run("check", "--config", write("typo.json", c).toString())))
        .contains("field 'ssl_mode.mode': must be one of 'disable', 'allow', 'prefer', 'require', 'verify-ca',"
            + " 'verify-full'").doesNotContain("ca_certificate").doesNotContain("enabled");
  }

  @Test
  void badPasswordIsAFailedCheckNotACrash() throws Exception {
    ObjectNode c = airbyteConfig();
    c.put("username", "nobody_here");
    c.put("password", "also-secret");
    List<String> lines = run("check", "--config", write("bad.json", c).toString());
    JsonNode status = messages(lines, "CONNECTION_STATUS").get(0).get("connectionStatus");
    assertThat(status.get("status").asText()).isEqualTo("FAILED");
    assertThat(String.join("\n", lines)).doesNotContain("also-secret");
  }

  @Test
  void unknownDatabaseOnReadIsAConfigErrorTrace() throws Exception {
    ObjectNode c = airbyteConfig();
    c.put("database", "no_such_database");
    Path catalogFile = write("empty-catalog.json", "{\"streams\": [{\"stream\": {\"name\": \"users\","
        + " \"namespace\": \"public\", \"json_schema\": {}, \"supported_sync_modes\": [\"full_refresh\"]},"
        + " \"sync_mode\": \"full_refresh\", \"destination_sync_mode\": \"overwrite\"}]}");
    List<String> lines = run("read", "--config", write("nodb.json", c).toString(), "--catalog", catalogFile.toString());
    JsonNode error = messages(lines, "TRACE").stream().filter(t -> t.get("trace").get("type").asText().equals("ERROR"))
        .findFirst().orElseThrow().get("trace").get("error");
    assertThat(error.get("failure_type").asText()).isEqualTo("config_error");
    assertThat(error.get("message").asText()).contains("no_such_database");
  }

  @Test
  void theBuiltJarPrintsItsSpec() throws Exception {
    Path jar = Path.of("target", "source-postgres.jar");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "spec").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out.lines().toList()).singleElement().satisfies(line -> {
      assertThat(ProtocolSchema.problems(line)).isEmpty();
      assertThat(line).contains("\"type\":\"SPEC\"").contains("replication_method");
    });
  }
}
