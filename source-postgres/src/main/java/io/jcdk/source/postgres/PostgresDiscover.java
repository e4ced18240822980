package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.postgres.cdc.CdcFields;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code discover}: a stream per readable relation, named {@code table} in namespace
 * {@code schema}, with the JSON schema of {@link PgColumn#jsonSchema()} and the primary key.
 *
 * <p>Sync modes by replication method: Standard offers incremental for every relation (the user
 * picks the cursor); Xmin for relations with an xmin column (tables, partitioned tables,
 * materialized views) with a source-defined cursor; CDC for the tables of the publication, with a
 * source-defined cursor {@code _ab_cdc_lsn} and the CDC columns added to the schema (under CDC a
 * user's column named {@code _ab_cdc_*} is renamed as {@link CdcFields} says, in every stream). Everything
 * offers full refresh; it is resumable ({@code is_resumable}) for tables, materialized views and
 * partitioned tables with a primary key.
 */
final class PostgresDiscover {

  private PostgresDiscover() {}

  static AirbyteCatalog discover(Connection c, PostgresConfig config) throws SQLException {
    List<PgTable> tables = new PgCatalog(c, PgTypes.load(c)).tables(config.schemas());
    Set<String> published = config.cdc().isPresent() ? published(c, config.cdc().get()) : Set.of();
    List<AirbyteStream> streams = new ArrayList<>(tables.size());
    for (PgTable t : tables) {
      streams.add(stream(t, config.replication(), published.contains(t.schema() + "\u0000" + t.name())));
    }
    return AirbyteCatalog.of(streams);
  }

  static AirbyteStream stream(PgTable discovered, ReplicationMethod method, boolean published) {
    PgTable table = method instanceof CdcConfig ? discovered.renaming(CdcFields::fieldName) : discovered;
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    for (PgColumn column : table.columns()) {
      ObjectNode property = properties.putObject(column.field());
      property.setAll(column.jsonSchema());
      if (!column.field().equals(column.name())) {
        property.put("description", "The column \"" + column.name() + "\", renamed: under CDC the prefix _ab_cdc_"
            + " belongs to the connector's own fields.");
      }
    }
    boolean incremental;
    boolean sourceDefinedCursor;
    List<String> defaultCursor = List.of();
    if (method instanceof CdcConfig) {
      incremental = published;
      sourceDefinedCursor = published;
      if (published) {
        defaultCursor = List.of(CdcFields.LSN);
        properties.putObject(CdcFields.LSN).put("type", "number");
        properties.set(CdcFields.UPDATED_AT, timestampTz(false));
        properties.set(CdcFields.DELETED_AT, timestampTz(true));
      }
    } else if (method instanceof ReplicationMethod.Xmin) {
      incremental = table.kind().hasXmin();
      sourceDefinedCursor = incremental;
    } else {
      incremental = true;
      sourceDefinedCursor = false;
    }
    List<SyncMode> modes = incremental ? List.of(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL)
        : List.of(SyncMode.FULL_REFRESH);
    boolean resumable = table.kind().isHeap()
        || (table.kind() == PgTable.Kind.PARTITIONED_TABLE && !table.primaryKey().isEmpty());
    return AirbyteStream.of(table.descriptor(), schema, modes)
        .withCursor(sourceDefinedCursor, defaultCursor)
        .withPrimaryKey(table.primaryKeyFields().stream().map(List::of).toList())
        .withResumable(resumable);
  }

  private static ObjectNode timestampTz(boolean nullable) {
    ObjectNode s = Json.object();
    if (nullable) {
      s.set("type", Json.mapper().createArrayNode().add("null").add("string"));
    } else {
      s.put("type", "string");
    }
    return s.put("format", "date-time").put("airbyte_type", "timestamp_with_timezone");
  }

  private static Set<String> published(Connection c, CdcConfig cdc) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT schemaname, tablename FROM pg_catalog.pg_publication_tables WHERE pubname = ?")) {
      s.setString(1, cdc.publication());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1) + "\u0000" + rs.getString(2));
        }
      }
    }
    return names;
  }
}
