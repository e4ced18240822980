package io.jcdk.source.postgres.cdc;

import io.jcdk.ConnectorException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A logical replication slot as {@code pg_replication_slots} shows it. The slot's
 * {@code confirmed_flush_lsn} is the oldest position it can still stream from; {@code restart_lsn}
 * is where its decoding resumes (WAL kept from there on).
 */
record ReplicationSlot(String name, String plugin, String database, boolean active, Integer activePid,
    Lsn restartLsn, Lsn confirmedFlushLsn) {

  /**
   * Reads slot {@code name}, and checks that this connector can stream from it: it exists, is a
   * logical pgoutput slot of {@code connection}'s database, and still has its WAL.
   */
  static ReplicationSlot describe(Connection connection, String name) throws SQLException {
    String sql = "SELECT s.plugin, s.database, s.active, s.active_pid, s.restart_lsn::text,"
        + " s.confirmed_flush_lsn::text, s.slot_type, current_database()"
        + " FROM pg_catalog.pg_replication_slots s WHERE s.slot_name = ?";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw ConnectorException.config("replication_method.replication_slot: slot '" + name + "' does not exist."
              + " Create it with SELECT pg_create_logical_replication_slot('" + name + "', 'pgoutput');");
        }
        String plugin = rs.getString(1);
        String database = rs.getString(2);
        String type = rs.getString(7);
        String current = rs.getString(8);
        if (!"logical".equals(type) || !"pgoutput".equals(plugin)) {
          throw ConnectorException.config("replication_method.replication_slot: slot '" + name + "' is a " + type
              + " slot with plugin " + plugin + "; this connector needs a logical slot with plugin pgoutput."
              + " Create one with SELECT pg_create_logical_replication_slot('<name>', 'pgoutput');");
        }
        if (!current.equals(database)) {
          throw ConnectorException.config("replication_method.replication_slot: slot '" + name
              + "' belongs to database '" + database + "', not to '" + current
              + "'; create a slot in the configured database.");
        }
        String restart = rs.getString(5);
        String confirmed = rs.getString(6);
        if (restart == null || confirmed == null) {
          throw ConnectorException.config("replication_method.replication_slot: slot '" + name
              + "' has lost the WAL it needs (max_slot_wal_keep_size was exceeded, or it was invalidated);"
              + " drop and recreate the slot, then reset the connection to take a new snapshot.");
        }
        int pid = rs.getInt(4);
        return new ReplicationSlot(name, plugin, database, rs.getBoolean(3), rs.wasNull() ? null : pid,
            Lsn.parse(restart), Lsn.parse(confirmed));
      }
    }
  }
}
