package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.ReadContext;
import io.jcdk.source.Source;
import io.jcdk.source.StreamEmitter;
import io.jcdk.source.postgres.cdc.CdcConnections;
import io.jcdk.source.postgres.cdc.CdcFields;
import io.jcdk.source.postgres.cdc.CdcReader;
import io.jcdk.spec.Specs;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The PostgreSQL source: full refresh, cursor incremental (Standard), xmin incremental, and CDC.
 *
 * <p>{@code read} reads per stream through {@link ReadContext#readStreams} for Standard and Xmin
 * configs; for CDC configs the incremental streams go to {@link CdcReader} (one GLOBAL state over
 * {@link ReadContext#readGlobal}).
 */
public final class PostgresSource implements Source<PostgresConfig> {

  private static final ConnectorSpecification SPEC = Specs.fromResource(PostgresSource.class, "spec.json");

  @Override
  public ConnectorSpecification spec() {
    return SPEC;
  }

  @Override
  public JsonNode migrateConfig(JsonNode config) {
    return PostgresConfig.migrate(config);
  }

  @Override
  public PostgresConfig parseConfig(JsonNode config) {
    return PostgresConfig.parse(config);
  }

  @Override
  public AirbyteConnectionStatus check(PostgresConfig config) {
    return PostgresCheck.run(config);
  }

  @Override
  public CheckpointPolicy checkpointPolicy(PostgresConfig config) {
    return new CheckpointPolicy(CheckpointPolicy.DEFAULT.everyRecords(), config.checkpointInterval());
  }

  @Override
  public AirbyteCatalog discover(PostgresConfig config) {
    try (PgDatabase db = PgDatabase.open(config); Connection c = db.connect()) {
      return PostgresDiscover.discover(c, config);
    } catch (SQLException e) {
      throw PostgresErrorClassifier.classified(
          "Discover on " + config.host() + ":" + config.port() + "/" + config.database(), e);
    }
  }

  @Override
  public void read(PostgresConfig config, ReadContext context) {
    try (PgDatabase db = PgDatabase.open(config)) {
      if (config.cdc().isPresent()) {
        List<ConfiguredAirbyteStream> all = context.catalog().streams();
        List<ConfiguredAirbyteStream> incremental =
            all.stream().filter(s -> s.syncMode() == SyncMode.INCREMENTAL).toList();
        if (!incremental.isEmpty() && incremental.size() < all.size()) {
          // ReadContext reads per-stream states for the whole catalog only; mixing them with the
          // GLOBAL state of CDC needs a readStreams over a subset of the catalog.
          throw ConnectorException.config("This CDC configuration reads streams in full refresh and in"
              + " incremental mode in one sync, which this version does not support; sync the full refresh"
              + " streams in a separate connection, or switch them to incremental.");
        }
        if (!incremental.isEmpty()) {
          new CdcReader(config.cdc().get(), CdcConnections.of(db), config.fetchSize()).read(incremental, context);
          return;
        }
      }
      try (StreamConnection connection = new StreamConnection(db)) {
        PgTypes types = loadTypes(connection, config);
        context.readStreams((stream, prior, emitter) -> readStream(connection, config, types, stream, prior, emitter));
      }
    }
  }

  /**
   * The one connection a read's streams use one after another (each connection costs several round
   * trips to a remote server, more with TLS or a tunnel). A stream that fails closes it, whatever
   * state its failure left it in, and the next stream opens a new one.
   */
  private static final class StreamConnection implements AutoCloseable {
    private final PgDatabase db;
    private Connection open;

    StreamConnection(PgDatabase db) {
      this.db = db;
    }

    Connection get() throws SQLException {
      if (open == null) {
        open = db.connect();
      }
      return open;
    }

    @Override
    public void close() {
      if (open != null) {
        try {
          open.close();
        } catch (SQLException e) {
          // Closing a failed connection; the failure that led here is the one reported.
        }
        open = null;
      }
    }
  }

  /** The database's types, loaded once for all the streams of a read. */
  private static PgTypes loadTypes(StreamConnection connection, PostgresConfig config) {
    try {
      return PgTypes.load(connection.get());
    } catch (SQLException e) {
      throw PostgresErrorClassifier.classified(
          "Reading the types of " + config.host() + ":" + config.port() + "/" + config.database(), e);
    }
  }

  private static JsonNode readStream(StreamConnection connection, PostgresConfig config, PgTypes types,
      ConfiguredAirbyteStream stream, JsonNode prior, StreamEmitter emitter) {
    StreamDescriptor d = stream.descriptor();
    try {
      Connection c = connection.get();
      TableReader.prepare(c);
      PgTable table = new PgCatalog(c, types).table(d.namespace() == null ? "public" : d.namespace(),
          d.name()).orElseThrow(() -> ConnectorException.config("Stream " + d + ": there is no table or view "
              + d + " that user '" + config.username() + "' can read; refresh the source schema or grant SELECT."));
      if (config.cdc().isPresent()) {
        // Discover named the fields of a CDC config's streams so; a full refresh keeps those names.
        table = table.renaming(CdcFields::fieldName);
      }
      table = table.selecting(selectedColumns(stream));
      TableReader reader = new TableReader(c);
      RecordSink sink = RecordSink.of(emitter);
      JsonNode state;
      if (stream.syncMode() == SyncMode.FULL_REFRESH) {
        state = reader.fullRefresh(table, prior, sink, RecordSink.ExtraFields.NONE);
      } else if (config.replication() instanceof ReplicationMethod.Xmin) {
        state = reader.xmin(table, prior, sink);
      } else {
        state = reader.cursorIncremental(table, cursorColumn(stream), prior, sink);
      }
      c.commit();
      return state;
    } catch (SQLException e) {
      connection.close();
      throw PostgresErrorClassifier.classified("Reading stream " + d, e);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The stream's cursor: one top-level column. */
  private static String cursorColumn(ConfiguredAirbyteStream stream) {
    List<String> cursor = stream.effectiveCursorField();
    if (cursor.isEmpty()) {
      throw ConnectorException.config("Stream " + stream.descriptor() + " is incremental but has no cursor field;"
          + " choose a cursor column (e.g. updated_at) in the catalog.");
    }
    if (cursor.size() > 1) {
      throw ConnectorException.config("Stream " + stream.descriptor() + " has the nested cursor field " + cursor
          + "; choose a top-level column.");
    }
    return cursor.get(0);
  }

  /** The columns the configured JSON schema lists; empty for all. */
  private static Set<String> selectedColumns(ConfiguredAirbyteStream stream) {
    JsonNode schema = stream.stream().jsonSchema();
    JsonNode properties = schema == null ? null : schema.get("properties");
    Set<String> names = new HashSet<>();
    if (properties != null) {
      for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
    }
    return names;
  }
}
