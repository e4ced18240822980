package io.jcdk.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What CDC needs from the server, checked with plain SQL, each problem one sentence that says
 * what to do: {@code wal_level=logical}, a pgoutput slot in this database, a publication with
 * tables, a role with REPLICATION, and a usable replica identity on every published table.
 */
public final class CdcPrerequisites {

  private static final String REPLICA_IDENTITIES = """
      SELECT pt.schemaname, pt.tablename, c.relreplident,
        EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary),
        EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisreplident)
      FROM pg_catalog.pg_publication_tables pt
      JOIN pg_catalog.pg_namespace n ON n.nspname = pt.schemaname
      JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename
      WHERE pt.pubname = ? AND (cardinality(?::text[]) = 0 OR pt.schemaname = ANY (?::text[]))
      ORDER BY 1, 2""";

  private CdcPrerequisites() {}

  /** The problems found; empty when CDC can run. */
  public static List<String> problems(Connection c, PostgresConfig config, CdcConfig cdc) throws SQLException {
    List<String> problems = new ArrayList<>();
    String walLevel = single(c, "SHOW wal_level");
    if (!"logical".equals(walLevel)) {
      problems.add("The server's wal_level is '" + walLevel + "' but CDC needs 'logical': set wal_level = logical"
          + " in postgresql.conf and restart the server.");
    }
    slot(c, config, cdc, problems);
    publication(c, config, cdc, problems);
    role(c, config, problems);
    return problems;
  }

  private static void slot(Connection c, PostgresConfig config, CdcConfig cdc, List<String> problems)
      throws SQLException {
    String slot = cdc.replicationSlot();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT slot_type, plugin, database FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
      s.setString(1, slot);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          problems.add("The replication slot '" + slot + "' does not exist; create it with SELECT"
              + " pg_create_logical_replication_slot(" + quoted(slot) + ", 'pgoutput') in database '"
              + config.database() + "'.");
          return;
        }
        String type = rs.getString(1);
        String plugin = rs.getString(2);
        String database = rs.getString(3);
        if (!"logical".equals(type)) {
          problems.add("The replication slot '" + slot + "' is a " + type + " slot but CDC needs a logical slot;"
              + " create one with SELECT pg_create_logical_replication_slot(" + quoted(slot)
              + ", 'pgoutput').");
        } else if (!"pgoutput".equals(plugin)) {
          problems.add("The replication slot '" + slot + "' uses the plugin '" + plugin + "' but CDC needs"
              + " 'pgoutput'; drop it and create it with SELECT pg_create_logical_replication_slot("
              + quoted(slot) + ", 'pgoutput').");
        } else if (!config.database().equals(database)) {
          problems.add("The replication slot '" + slot + "' belongs to database '" + database + "', not '"
              + config.database() + "'; create a pgoutput slot in '" + config.database() + "'.");
        }
      }
    }
  }

  private static void publication(Connection c, PostgresConfig config, CdcConfig cdc, List<String> problems)
      throws SQLException {
    String publication = cdc.publication();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT count(pt.tablename) FROM pg_catalog.pg_publication p"
            + " LEFT JOIN pg_catalog.pg_publication_tables pt ON pt.pubname = p.pubname"
            + " AND (cardinality(?::text[]) = 0 OR pt.schemaname = ANY (?::text[]))"
            + " WHERE p.pubname = ? GROUP BY p.pubname")) {
      java.sql.Array schemas = c.createArrayOf("text", config.schemas().toArray());
      s.setArray(1, schemas);
      s.setArray(2, schemas);
      s.setString(3, publication);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          problems.add("The publication '" + publication + "' does not exist; create it with CREATE PUBLICATION "
              + PgIdentifier.quote(publication) + " FOR TABLE <the tables to capture>.");
          return;
        }
        if (rs.getLong(1) == 0) {
          problems.add("The publication '" + publication + "' contains no table"
              + (config.schemas().isEmpty() ? "" : " of the schemas " + config.schemas())
              + "; add the tables to capture with ALTER PUBLICATION " + PgIdentifier.quote(publication)
              + " ADD TABLE <table>.");
          return;
        }
      }
    }
    List<String> unusable = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(REPLICA_IDENTITIES)) {
      java.sql.Array schemas = c.createArrayOf("text", config.schemas().toArray());
      s.setString(1, publication);
      s.setArray(2, schemas);
      s.setArray(3, schemas);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          char identity = rs.getString(3).charAt(0);
          boolean usable = switch (identity) {
            case 'f' -> true;
            case 'd' -> rs.getBoolean(4);
            case 'i' -> rs.getBoolean(5);
            default -> false;
          };
          if (!usable) {
            unusable.add(rs.getString(1) + "." + rs.getString(2));
          }
        }
      }
    }
    if (!unusable.isEmpty()) {
      problems.add("These published tables have no usable replica identity, so their updates and deletes cannot"
          + " be captured: " + abbreviate(unusable) + "; add a primary key or run ALTER TABLE <table> REPLICA"
          + " IDENTITY FULL.");
    }
  }

  private static void role(Connection c, PostgresConfig config, List<String> problems) throws SQLException {
    // Amazon RDS and Aurora grant replication through membership in rds_replication instead.
    String sql = "SELECT r.rolsuper OR r.rolreplication OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles g"
        + " WHERE g.rolname = 'rds_replication' AND pg_has_role(r.oid, g.oid, 'member'))"
        + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";
    String allowed = single(c, sql);
    if (!"t".equals(allowed)) {
      problems.add("The role '" + config.username() + "' lacks the REPLICATION attribute that CDC needs; grant it"
          + " with ALTER ROLE " + PgIdentifier.quote(config.username()) + " REPLICATION.");
    }
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A name as an SQL string literal, for the statements the messages suggest. */
  private static String quoted(String name) {
    return "'" + name.replace("'", "''") + "'";
  }

  static String abbreviate(List<String> names) {
    if (names.size() <= 10) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
  }
}
