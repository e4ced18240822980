package io.jcdk.source.postgres.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.source.postgres.cdc.PgOutputMessage.Begin;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Commit;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Delete;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Insert;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Message;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Relation;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Truncate;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Type;
import io.jcdk.source.postgres.cdc.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/** The decoder against what a real server's pgoutput sends. */
class PgOutputDecoderIT {

  private static CdcTestDatabase db;
  private static int slots;
  private String slot;

  @BeforeAll
  static void start() {
    db = CdcTestDatabase.create();
    db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
        "CREATE TABLE items (id int PRIMARY KEY, name text, big text, feeling mood)",
        "ALTER TABLE items ALTER COLUMN big SET STORAGE EXTERNAL",
        "CREATE TABLE other (k bigint PRIMARY KEY)",
        "CREATE PUBLICATION pub FOR TABLE items, other");
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @BeforeEach
  void createSlot() {
    slot = "decoder_" + ++slots;
    db.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  @Test
  void decodesAnInsertWithItsTransactionAndRelation() throws Exception {
    db.execute("INSERT INTO items VALUES (1, 'caf\u00e9 \u2603', NULL, 'happy')");

    List<PgOutputMessage> messages = stream(5);

    assertThat(messages).extracting(PgOutputMessage::type).containsExactly(PgOutputMessageType.BEGIN,
        PgOutputMessageType.TYPE, PgOutputMessageType.RELATION, PgOutputMessageType.INSERT, PgOutputMessageType.COMMIT);
    Begin begin = (Begin) messages.get(0);
    Type type = (Type) messages.get(1);
    assertThat(type.namespace()).isEqualTo("public");
    assertThat(type.name()).isEqualTo("mood");
    Relation relation = (Relation) messages.get(2);
    assertThat(relation.namespace()).isEqualTo("public");
    assertThat(relation.name()).isEqualTo("items");
    assertThat(relation.replicaIdentity()).isEqualTo('d');
    assertThat(relation.columns()).extracting(PgOutputMessage.Column::name).containsExactly("id", "name", "big", "feeling");
    assertThat(relation.columns()).extracting(PgOutputMessage.Column::key).containsExactly(true, false, false, false);
    assertThat(relation.columns().get(0).typeOid()).isEqualTo(23);
    assertThat(relation.columns().get(3).typeOid()).isEqualTo(type.typeOid());
    Insert insert = (Insert) messages.get(3);
    assertThat(insert.relationId()).isEqualTo(relation.relationId());
    assertThat(insert.newTuple().text(0)).isEqualTo("1");
    assertThat(insert.newTuple().text(1)).isEqualTo("caf\u00e9 \u2603");
    assertThat(insert.newTuple().isNull(2)).isTrue();
    assertThat(insert.newTuple().text(3)).isEqualTo("happy");
    Commit commit = (Commit) messages.get(4);
    assertThat(commit.commitLsn()).isEqualTo(begin.finalLsn());
    assertThat(commit.endLsn()).isGreaterThan(commit.commitLsn());
    assertThat(commit.commitTime()).isEqualTo(begin.commitTime());
    assertThat(begin.xid()).isPositive();
  }

  @Test
  void decodesUpdatesWithUnchangedToastAndKeyChangesAndDeletes() throws Exception {
    String big = "x".repeat(100_000);
    db.execute("INSERT INTO items VALUES (10, 'a', '" + big + "', 'sad')");
    db.transaction("UPDATE items SET name = 'b' WHERE id = 10",
        "UPDATE items SET id = 11 WHERE id = 10",
        "DELETE FROM items WHERE id = 11");

    List<PgOutputMessage> messages = stream(10);

    List<PgOutputMessage> changes = messages.stream()
        .filter(m -> m instanceof Update || m instanceof Delete || m instanceof Insert).toList();
    assertThat(((Insert) changes.get(0)).newTuple().text(2)).isEqualTo(big);
    Update nameChange = (Update) changes.get(1);
    assertThat(nameChange.oldTuple()).isNull();
    assertThat(nameChange.newTuple().text(1)).isEqualTo("b");
    assertThat(nameChange.newTuple().isUnchangedToast(2)).isTrue();
    Update keyChange = (Update) changes.get(2);
    assertThat(keyChange.oldKind()).isEqualTo('K');
    assertThat(keyChange.oldTuple().text(0)).isEqualTo("10");
    assertThat(keyChange.oldTuple().isNull(1)).isTrue();
    assertThat(keyChange.newTuple().text(0)).isEqualTo("11");
    Delete delete = (Delete) changes.get(3);
    assertThat(delete.oldKind()).isEqualTo('K');
    assertThat(delete.oldTuple().text(0)).isEqualTo("11");
  }

  @Test
  void replicaIdentityFullSendsWholeOldRowsWithToastInlined() throws Exception {
    String big = "y".repeat(50_000);
    db.execute("CREATE TABLE full_rows (id int PRIMARY KEY, big text)",
        "ALTER TABLE full_rows ALTER COLUMN big SET STORAGE EXTERNAL",
        "ALTER TABLE full_rows REPLICA IDENTITY FULL",
        "ALTER PUBLICATION pub ADD TABLE full_rows",
        "INSERT INTO full_rows VALUES (1, '" + big + "')",
        "UPDATE full_rows SET id = 2",
        "DELETE FROM full_rows");
    try {
      List<PgOutputMessage> messages = stream(10);

      Relation relation = (Relation) messages.stream().filter(m -> m instanceof Relation).findFirst().orElseThrow();
      assertThat(relation.replicaIdentity()).isEqualTo('f');
      Update update = (Update) messages.stream().filter(m -> m instanceof Update).findFirst().orElseThrow();
      assertThat(update.oldKind()).isEqualTo('O');
      assertThat(update.oldTuple().text(1)).isEqualTo(big);
      assertThat(update.newTuple().isUnchangedToast(1)).isTrue();
      Delete delete = (Delete) messages.stream().filter(m -> m instanceof Delete).findFirst().orElseThrow();
      assertThat(delete.oldKind()).isEqualTo('O');
      assertThat(delete.oldTuple().text(1)).isEqualTo(big);
    } finally {
      db.execute("ALTER PUBLICATION pub DROP TABLE full_rows", "DROP TABLE full_rows");
    }
  }

  @Test
  void decodesTruncateOfSeveralTables() throws Exception {
    db.execute("TRUNCATE items, other RESTART IDENTITY");

    List<PgOutputMessage> messages = stream(5);

    Truncate truncate = (Truncate) messages.stream().filter(m -> m instanceof Truncate).findFirst().orElseThrow();
    assertThat(truncate.relationIds()).hasSize(2);
    assertThat(truncate.options() & Truncate.RESTART_IDENTITY).isNotZero();
    assertThat(messages.stream().filter(m -> m instanceof Relation).map(m -> ((Relation) m).relationId()))
        .containsExactlyInAnyOrder(truncate.relationIds()[0], truncate.relationIds()[1]);
  }

  @Test
  void picksUpAddedAndDroppedColumnsFromANewRelationMessage() throws Exception {
    db.execute("CREATE TABLE evolving (id int PRIMARY KEY, a text)",
        "ALTER PUBLICATION pub ADD TABLE evolving",
        "INSERT INTO evolving VALUES (1, 'one')",
        "ALTER TABLE evolving ADD COLUMN b int",
        "INSERT INTO evolving VALUES (2, 'two', 2)",
        "ALTER TABLE evolving DROP COLUMN a",
        "INSERT INTO evolving VALUES (3, 3)");
    try {
      List<PgOutputMessage> messages = stream(12);

      List<Relation> relations = messages.stream().filter(m -> m instanceof Relation).map(m -> (Relation) m).toList();
      assertThat(relations).hasSize(3);
      assertThat(relations.get(0).columns()).extracting(PgOutputMessage.Column::name).containsExactly("id", "a");
      assertThat(relations.get(1).columns()).extracting(PgOutputMessage.Column::name).containsExactly("id", "a", "b");
      assertThat(relations.get(2).columns()).extracting(PgOutputMessage.Column::name).containsExactly("id", "b");
      Insert last = (Insert) messages.get(messages.size() - 2);
      assertThat(last.newTuple().size()).isEqualTo(2);
      assertThat(last.newTuple().text(1)).isEqualTo("3");
    } finally {
      db.execute("ALTER PUBLICATION pub DROP TABLE evolving", "DROP TABLE evolving");
    }
  }

  @Test
  void decodesLogicalDecodingMessagesWhenAsked() throws Exception {
    int version = Integer.parseInt(db.queryString("SHOW server_version_num"));
    org.junit.jupiter.api.Assumptions.assumeTrue(version >= 140000, "the messages option needs PostgreSQL 14");
    db.execute("SELECT pg_logical_emit_message(false, 'jcdk', 'hello')");

    List<PgOutputMessage> messages = stream(1, "messages", "true");

    Message message = (Message) messages.get(0);
    assertThat(message.transactional()).isFalse();
    assertThat(message.prefix()).isEqualTo("jcdk");
    assertThat(new String(message.content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(message.lsn().isValid()).isTrue();
  }

  /** Reads and decodes {@code count} messages from the test's slot (10 s at most). */
  private List<PgOutputMessage> stream(int count, String... extraOptions) throws SQLException, InterruptedException {
    Properties p = db.properties();
    PGProperty.REPLICATION.set(p, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "9.4");
    PGProperty.PREFER_QUERY_MODE.set(p, "simple");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), p)) {
      var builder = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
          .withSlotName(slot)
          .withSlotOption("proto_version", "1")
          .withSlotOption("publication_names", "pub")
          .withStatusInterval(1, TimeUnit.SECONDS)
          .withAutomaticFlush(false);
      for (int i = 0; i < extraOptions.length; i += 2) {
        builder.withSlotOption(extraOptions[i], extraOptions[i + 1]);
      }
      PGReplicationStream stream = builder.start();
      PgOutputDecoder decoder = new PgOutputDecoder();
      List<PgOutputMessage> messages = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (messages.size() < count && System.nanoTime() < deadline) {
        ByteBuffer buffer = stream.readPending();
        if (buffer == null) {
          Thread.sleep(10);
        } else {
          messages.add(decoder.decode(buffer));
        }
      }
      stream.close();
      assertThat(messages).as("messages read within 10 s").hasSize(count);
      return messages;
    }
  }
}
