package io.jcdk.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo does in PostgreSQL, each statement printed as it runs: sample tables, the setup CDC
 * needs (the same steps docs/cdc-postgres.md gives for a user's server), the changes between the two
 * syncs, and dropping everything it created, in reverse order, also when a step failed.
 */
final class DemoDatabase {

  static final String SCHEMA = "jcdk_demo";
  static final String ROLE = "jcdk_demo_cdc";
  static final String PUBLICATION = "jcdk_demo_pub";
  static final String SLOT = "jcdk_demo_slot";
  static final int CUSTOMERS = 1_000;

  /** A problem the user can act on; the message says what to do. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /** A row the demo changes, and how. */
  record Change(String table, long id, String what) {}

  private record Undo(boolean asRole, List<String> statements) {}

  /** An object of the demo's that may be left on a server, and how to drop it. */
  private record Existing(String name, String query, String drop) {}

  private static final List<Existing> EXISTING = List.of(
      new Existing("replication slot " + SLOT, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'",
          "SELECT pg_drop_replication_slot('" + SLOT + "')"),
      new Existing("publication " + PUBLICATION, "SELECT 1 FROM pg_publication WHERE pubname = '" + PUBLICATION + "'",
          "DROP PUBLICATION " + PUBLICATION),
      new Existing("schema " + SCHEMA, "SELECT 1 FROM pg_namespace WHERE nspname = '" + SCHEMA + "'",
          "DROP SCHEMA " + SCHEMA + " CASCADE"),
      new Existing("role " + ROLE, "SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'", "DROP ROLE " + ROLE));

  private final DemoServer server;
  private final PrintWriter out;
  private final String rolePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
  private final Deque<Undo> created = new ArrayDeque<>();

  DemoDatabase(DemoServer server, PrintWriter out) {
    this.server = server;
    this.out = out;
  }

  String rolePassword() {
    return rolePassword;
  }

  /** Refuses, before creating anything, a server without logical WAL, without a free slot, or holding the demo's names. */
  void preflight() throws SQLException, Refused {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String walLevel = single(s, "SHOW wal_level");
      if (!"logical".equals(walLevel)) {
        throw new Refused("The server's wal_level is '" + walLevel + "' but CDC needs 'logical'. On a server of your"
            + " own run ALTER SYSTEM SET wal_level = logical and restart it; on a managed service set its"
            + " parameter (docs/cdc-postgres.md says which). Nothing was created.");
      }
      List<String> taken = new ArrayList<>();
      List<String> drops = new ArrayList<>();
      for (Existing object : EXISTING) {
        if (exists(s, object.query())) {
          taken.add(object.name());
          drops.add(object.drop() + ";");
        }
      }
      if (!taken.isEmpty()) {
        throw new Refused("The server already has " + String.join(", ", taken) + " (left by an interrupted demo?)."
            + " If they are the demo's, drop them with: " + String.join(" ", drops) + " Nothing was created.");
      }
      if (exists(s, "SELECT 1 WHERE current_setting('max_replication_slots')::int"
          + " <= (SELECT count(*) FROM pg_replication_slots)")) {
        throw new Refused("Every replication slot of the server is taken (max_replication_slots = "
            + single(s, "SHOW max_replication_slots") + "); the demo needs one. Nothing was created.");
      }
    }
  }

  /** The sample tables, owned by the URL's user. */
  void load(int orders) throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
      created.push(new Undo(false, List.of("DROP SCHEMA " + SCHEMA + " CASCADE")));
      s.execute("CREATE TABLE " + SCHEMA + ".customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL)");
      s.execute("CREATE TABLE " + SCHEMA + ".orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES "
          + SCHEMA + ".customers, amount numeric(10,2) NOT NULL, status text NOT NULL, tags text[] NOT NULL,"
          + " created_at timestamptz NOT NULL)");
      s.execute("INSERT INTO " + SCHEMA + ".customers SELECT i, 'Customer ' || i, 'customer' || i || '@example.com'"
          + " FROM generate_series(1, " + CUSTOMERS + ") i");
      s.execute("INSERT INTO " + SCHEMA + ".orders SELECT i, 1 + i % " + CUSTOMERS + ", (i % 997) * 1.25, 'new',"
          + " ARRAY['web'], timestamptz '2024-01-01 00:00Z' + i * interval '1 minute' FROM generate_series(1, "
          + orders + ") i");
    }
  }

  /** A role with only what CDC needs, the publication, the slot, and a look at replica identity. */
  void prepareForCdc() throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      show("SHOW wal_level", "-- " + single(s, "SHOW wal_level") + ", as CDC needs (set in postgresql.conf)");
      boolean superuser = "t".equals(single(s, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
      if (!superuser && exists(s, "SELECT 1 FROM pg_roles WHERE rolname = 'rds_replication'")) {
        // Amazon RDS and Aurora keep the REPLICATION attribute to themselves and grant it through this role.
        run(s, "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + rolePassword + "'");
        dropRoleLast();
        run(s, "GRANT rds_replication TO " + ROLE);
      } else {
        run(s, "CREATE ROLE " + ROLE + " LOGIN REPLICATION PASSWORD '" + rolePassword + "'");
        dropRoleLast();
      }
      run(s, "GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + ROLE);
      run(s, "GRANT SELECT ON ALL TABLES IN SCHEMA " + SCHEMA + " TO " + ROLE);
      run(s, "CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + SCHEMA + ".customers, " + SCHEMA + ".orders");
      created.push(new Undo(false, List.of("DROP PUBLICATION " + PUBLICATION)));
      show("SELECT relname, relreplident FROM pg_class WHERE relnamespace = '" + SCHEMA + "'::regnamespace"
          + " AND relkind = 'r'", "-- " + replicaIdentities(s) + " (d: the primary key identifies a row)");
    }
    try (Connection c = server.connectAs(ROLE, rolePassword); Statement s = c.createStatement()) {
      s.execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
      created.push(new Undo(true, List.of("SELECT pg_drop_replication_slot('" + SLOT + "')")));
      show("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')", "-- as " + ROLE);
    }
  }

  /** A role holding privileges cannot be dropped: its grants are revoked first, before the schema goes. */
  private void dropRoleLast() {
    created.push(new Undo(false, List.of("REVOKE ALL ON ALL TABLES IN SCHEMA " + SCHEMA + " FROM " + ROLE,
        "REVOKE ALL ON SCHEMA " + SCHEMA + " FROM " + ROLE, "DROP ROLE " + ROLE)));
  }

  /** Updates, inserts and deletes between the syncs; returns the rows to look at afterwards. */
  List<Change> applyChanges(long orders) throws SQLException {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      run(s, "UPDATE " + SCHEMA + ".orders SET status = 'shipped' WHERE id <= 100");
      run(s, "INSERT INTO " + SCHEMA + ".orders SELECT i, 1, 9.99, 'new', ARRAY['app'], now() FROM generate_series("
          + (orders + 1) + ", " + (orders + 50) + ") i");
      run(s, "DELETE FROM " + SCHEMA + ".orders WHERE id BETWEEN 101 AND 110");
      run(s, "UPDATE " + SCHEMA + ".customers SET email = 'ada@example.org' WHERE id = 1");
    }
    return List.of(new Change("orders", 1, "updated"), new Change("orders", 101, "deleted"),
        new Change("orders", orders + 1, "inserted"), new Change("customers", 1, "updated"));
  }

  /** Rows per table, as PostgreSQL counts them. */
  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String table : List.of("customers", "orders")) {
        counts.put(SCHEMA + "." + table, Long.parseLong(single(s, "SELECT count(*) FROM " + SCHEMA + "." + table)));
      }
    }
    return counts;
  }

  /** Drops what was created, newest first; a failure is printed and the rest still dropped. */
  void dropAll() {
    if (!created.isEmpty()) {
      out.println();
      out.println("Dropping what the demo created:");
    }
    while (!created.isEmpty()) {
      Undo undo = created.pop();
      try (Connection c = undo.asRole() ? server.connectAs(ROLE, rolePassword) : server.connect();
          Statement s = c.createStatement()) {
        for (String sql : undo.statements()) {
          runRetryingWhileInUse(s, sql);
        }
      } catch (SQLException e) {
        out.println("  -- failed (" + e.getMessage().lines().findFirst().orElse("") + "); run yourself: "
            + String.join("; ", undo.statements()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    out.flush();
  }

  /** A slot is busy for a moment after its reader exits; the walsender ends right after. */
  private void runRetryingWhileInUse(Statement s, String sql) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        run(s, sql);
        return;
      } catch (SQLException e) {
        if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private String replicaIdentities(Statement s) throws SQLException {
    List<String> identities = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT relname, relreplident FROM pg_class WHERE relnamespace = '"
        + SCHEMA + "'::regnamespace AND relkind = 'r' ORDER BY relname")) {
      while (rs.next()) {
        identities.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return String.join(", ", identities);
  }

  private void run(Statement s, String sql) throws SQLException {
    int rows = s.execute(sql) ? -1 : s.getUpdateCount();
    String shown = sql.replace(rolePassword, "…");
    show(shown, sql.startsWith("UPDATE") || sql.startsWith("INSERT") || sql.startsWith("DELETE")
        ? String.format("-- %,d row%s", rows, rows == 1 ? "" : "s") : "");
  }

  private void show(String sql, String comment) {
    out.println("  " + sql + ";" + (comment.isEmpty() ? "" : "  " + comment));
    out.flush();
  }

  private static boolean exists(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
