package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every problem check knows is a FAILED status with a sentence that names it; nothing crashes. */
class CheckIT {

  private static TestPostgres db;
  private static TestPostgres other;

  @BeforeAll
  static void setUp() {
    db = TestPostgres.create("check");
    other = TestPostgres.create("check_other");
    String database = PgIdentifier.quote(db.database());
    db.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'check_reader') THEN"
            + " CREATE ROLE check_reader LOGIN PASSWORD 'right'; END IF; END $$",
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'check_replicator') THEN"
            + " CREATE ROLE check_replicator LOGIN REPLICATION PASSWORD 'right'; END IF; END $$",
        "GRANT CONNECT ON DATABASE " + database + " TO check_reader, check_replicator",
        "CREATE TABLE public.open_table (id int PRIMARY KEY, v text)",
        "GRANT SELECT ON public.open_table TO check_reader, check_replicator",
        "CREATE SCHEMA locked",
        "CREATE TABLE locked.t1 (id int)",
        "CREATE TABLE locked.t2 (id int)",
        "GRANT USAGE ON SCHEMA locked TO check_reader",
        "CREATE SCHEMA hidden",
        "CREATE TABLE hidden.t (id int)",
        "CREATE TABLE public.no_key (v text)",
        "CREATE TABLE public.nothing_identity (id int PRIMARY KEY)",
        "ALTER TABLE public.nothing_identity REPLICA IDENTITY NOTHING",
        "CREATE TABLE public.full_identity (v text)",
        "ALTER TABLE public.full_identity REPLICA IDENTITY FULL",
        "CREATE PUBLICATION good_pub FOR TABLE public.open_table, public.full_identity",
        "CREATE PUBLICATION bad_identity_pub FOR TABLE public.open_table, public.no_key, public.nothing_identity",
        "CREATE PUBLICATION empty_pub",
        "SELECT pg_create_logical_replication_slot('check_good_slot', 'pgoutput')",
        "SELECT pg_create_logical_replication_slot('check_decoding_slot', 'test_decoding')",
        "SELECT pg_create_physical_replication_slot('check_physical_slot')");
    other.execute("SELECT pg_create_logical_replication_slot('check_other_db_slot', 'pgoutput')");
  }

  private static AirbyteConnectionStatus check(PostgresConfig config) {
    return new PostgresSource().check(config);
  }

  private static PostgresConfig cdc(String slot, String publication) {
    return db.config().withReplication(CdcConfig.of(slot, publication));
  }

  private static void assertFailed(AirbyteConnectionStatus status, String... fragments) {
    assertThat(status.status()).as(status.message()).isEqualTo(Status.FAILED);
    for (String f : fragments) {
      assertThat(status.message()).contains(f);
    }
  }

  @Test
  void checkSucceedsForAReadableDatabase() {
    AirbyteConnectionStatus status = check(db.config());
    assertThat(status.status()).as(status.message()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void checkSucceedsForAWorkingCdcSetup() {
    AirbyteConnectionStatus status = check(cdc("check_good_slot", "good_pub").withSchemas(List.of("public")));
    assertThat(status.status()).as(status.message()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void checkReportsFailedWhenHostIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertFailed(check(PostgresConfig.of("localhost", port, db.database(), "postgres", null)),
        "Could not connect to localhost:" + port, "check host and port");
  }

  @Test
  void checkReportsFailedWhenHostIsUnknown() {
    assertFailed(check(PostgresConfig.of("no-such-host.invalid", 5432, db.database(), "postgres", null)),
        "The host 'no-such-host.invalid' is unknown");
  }

  @Test
  void checkReportsFailedWhenPasswordIsWrong() {
    assumeTrue(TestPostgres.embedded(), "needs the embedded server's password authentication");
    assertFailed(check(db.configFor("check_reader", "wrong")),
        "refused the credentials of user 'check_reader'", "check username and password");
  }

  @Test
  void checkReportsFailedWhenDatabaseDoesNotExist() {
    assertFailed(check(PostgresConfig.of(db.host(), db.port(), "no_such_db", "postgres", null)),
        "The database 'no_such_db' does not exist");
  }

  @Test
  void checkReportsFailedWhenRoleCannotSelectFromASchema() {
    assertFailed(check(db.configFor("check_reader", "right").withSchemas(List.of("locked"))),
        "The role 'check_reader' has no SELECT privilege on any of the 2 tables of schema 'locked'",
        "GRANT SELECT ON ALL TABLES IN SCHEMA \"locked\" TO \"check_reader\"");
  }

  @Test
  void checkReportsFailedWhenRoleHasNoUsageOnASchemaOrItDoesNotExist() {
    AirbyteConnectionStatus status = check(db.configFor("check_reader", "right")
        .withSchemas(List.of("public", "hidden", "Missing")));
    assertFailed(status, "no USAGE privilege on schema 'hidden'", "The schema 'Missing' does not exist");
    assertThat(status.message()).doesNotContain("'public'");
  }

  @Test
  void checkReportsFailedWhenWalLevelIsNotLogical() throws IOException {
    assumeTrue(TestPostgres.embedded(), "needs a second embedded server with wal_level=replica");
    try (EmbeddedPostgres replica = EmbeddedPostgres.builder().setServerConfig("wal_level", "replica").start()) {
      PostgresConfig config = PostgresConfig.of("localhost", replica.getPort(), "postgres", "postgres", null)
          .withReplication(CdcConfig.of("slot", "pub"));
      assertFailed(check(config), "wal_level is 'replica' but CDC needs 'logical'");
    }
  }

  @Test
  void checkReportsFailedWhenSlotIsMissing() {
    assertFailed(check(cdc("no_such_slot", "good_pub")), "The replication slot 'no_such_slot' does not exist",
        "pg_create_logical_replication_slot('no_such_slot', 'pgoutput')");
  }

  @Test
  void checkReportsFailedWhenSlotUsesAnotherPlugin() {
    assertFailed(check(cdc("check_decoding_slot", "good_pub")), "uses the plugin 'test_decoding'");
  }

  @Test
  void checkReportsFailedWhenSlotIsPhysical() {
    assertFailed(check(cdc("check_physical_slot", "good_pub")), "is a physical slot");
  }

  @Test
  void checkReportsFailedWhenSlotBelongsToAnotherDatabase() {
    assertFailed(check(cdc("check_other_db_slot", "good_pub")),
        "belongs to database '" + other.database() + "', not '" + db.database() + "'");
  }

  @Test
  void checkReportsFailedWhenPublicationIsMissing() {
    assertFailed(check(cdc("check_good_slot", "no_pub")), "The publication 'no_pub' does not exist");
  }

  @Test
  void checkReportsFailedWhenPublicationIsEmpty() {
    assertFailed(check(cdc("check_good_slot", "empty_pub")), "The publication 'empty_pub' contains no table");
  }

  @Test
  void checkReportsFailedWhenRoleLacksReplication() {
    PostgresConfig config = db.configFor("check_reader", "right").withSchemas(List.of("public"))
        .withReplication(CdcConfig.of("check_good_slot", "good_pub"));
    assumeTrue(TestPostgres.embedded(), "needs the embedded server's roles");
    assertFailed(check(config), "The role 'check_reader' lacks the REPLICATION attribute",
        "ALTER ROLE \"check_reader\" REPLICATION");
    PostgresConfig replicator = db.configFor("check_replicator", "right").withSchemas(List.of("public"))
        .withReplication(CdcConfig.of("check_good_slot", "good_pub"));
    AirbyteConnectionStatus ok = check(replicator);
    assertThat(ok.status()).as(ok.message()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void checkReportsFailedWhenPublishedTablesHaveNoUsableReplicaIdentity() {
    AirbyteConnectionStatus status = check(cdc("check_good_slot", "bad_identity_pub"));
    assertFailed(status, "no usable replica identity", "public.no_key", "public.nothing_identity",
        "REPLICA IDENTITY FULL");
    assertThat(status.message()).doesNotContain("open_table");
  }

  @Test
  void checkReportsEveryProblemInOneMessage() {
    AirbyteConnectionStatus status = check(cdc("no_such_slot", "empty_pub").withSchemas(List.of("public", "Nope")));
    assertFailed(status, "The schema 'Nope' does not exist", "The replication slot 'no_such_slot' does not exist",
        "The publication 'empty_pub' contains no table");
  }
}
