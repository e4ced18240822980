package io.jcdk.source.postgres;

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance suite (spec, connection, discovery, basic read, full refresh, incremental with a
 * cursor and with CDC) on source-postgres, as the jar and as the image {@code jcdk/source-postgres:dev}
 * (built with -Pimages; also started the way the Airbyte platform starts it),
 * against tables this class creates. A role with a password (not the superuser) reads them, so a
 * wrong password fails.
 */
class SourcePostgresAcceptanceIT {

  private static final String PASSWORD = "acceptance-pw-7f3a";

  private static TestPostgres db;
  private static String role;
  private static String slot;

  @BeforeAll
  static void createTables() {
    db = TestPostgres.create("acceptance");
    role = "acceptance_" + ProcessHandle.current().pid();
    slot = "acceptance_slot_" + ProcessHandle.current().pid();
    db.execute(
        "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text, score numeric(8,2),"
            + " active boolean, updated_at timestamp NOT NULL)",
        "INSERT INTO users SELECT i, 'user ' || i, CASE WHEN i % 5 = 0 THEN NULL ELSE 'user' || i || '@example.com' END,"
            + " i * 1.25, i % 2 = 0, timestamp '2024-01-01 00:00:00' + ((i + 1) / 2) * interval '1 hour'"
            + " FROM generate_series(1, 40) i",
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL, amount numeric(10,2) NOT NULL,"
            + " note text, created_at timestamptz NOT NULL)",
        "INSERT INTO orders SELECT i, 1 + i % 40, i * 3.5, 'order ' || i || E'\\nsecond line ✓',"
            + " timestamptz '2024-02-01 00:00:00+00' + i * interval '1 minute' FROM generate_series(1, 25) i",
        "CREATE TABLE audit_log (id integer PRIMARY KEY, event text)",
        "DROP ROLE IF EXISTS " + role,
        "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
        "GRANT CONNECT ON DATABASE " + db.database() + " TO " + role,
        "GRANT USAGE ON SCHEMA public TO " + role,
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role,
        "ALTER ROLE " + role + " REPLICATION",
        "CREATE PUBLICATION acceptance_pub FOR TABLE users, orders",
        "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  @AfterAll
  static void dropSlot() {
    // A slot keeps WAL for ever; on a shared server (JCDK_TEST_PG_URL) it must go.
    db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
  }

  @TestFactory
  Stream<DynamicNode> acceptance() {
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("PG_HOST", db.host())
        .variable("PG_PORT", String.valueOf(db.port()))
        .variable("PG_DATABASE", db.database())
        .variable("PG_USER", role)
        .variable("PG_PASSWORD", PASSWORD)
        .variable("PG_SLOT", slot)
        .jar(Path.of("target/source-postgres.jar"))
        .builtImage()
        .tests();
  }
}
