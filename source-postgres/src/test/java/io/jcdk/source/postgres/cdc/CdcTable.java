package io.jcdk.source.postgres.cdc;

import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.source.postgres.CdcConfig;
import io.jcdk.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The setup of a CDC test class, as an extension in a static {@code @RegisterExtension} field: a
 * database of its own for the class and, before each test, a new table with a publication of it and
 * a logical replication slot. The names are those of the running test (a class's tests run one at a
 * time).
 */
final class CdcTable implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final String columns;
  private final List<String> alterations;
  private CdcTestDatabase db;
  private int counter;

  private CdcTable(String columns, List<String> alterations) {
    this.columns = columns;
    this.alterations = alterations;
  }

  /** Tables of {@code columns} ({@code "(id int PRIMARY KEY, v text)"}), each then altered by {@code alterations}. */
  static CdcTable of(String columns, String... alterations) {
    return new CdcTable(columns, List.of(alterations));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    db = CdcTestDatabase.create();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    counter++;
    List<String> sql = new ArrayList<>(List.of("CREATE TABLE " + name() + " " + columns));
    alterations.forEach(a -> sql.add("ALTER TABLE " + name() + " " + a));
    sql.add("CREATE PUBLICATION " + publication() + " FOR TABLE " + name());
    sql.add("SELECT pg_create_logical_replication_slot('" + slot() + "', 'pgoutput')");
    db.execute(sql.toArray(String[]::new));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (db != null) {
      db.drop();
    }
  }

  CdcTestDatabase db() {
    return db;
  }

  /** The table's name (so is {@link #toString()}, to write it into SQL). */
  String name() {
    return "t" + counter;
  }

  @Override
  public String toString() {
    return name();
  }

  void execute(String... sql) {
    db.execute(sql);
  }

  String publication() {
    return "pub_" + counter;
  }

  /** Slots belong to the server, not to a database: the database's name keeps other classes' apart. */
  String slot() {
    return db.database() + "_slot_" + counter;
  }

  CdcConfig config() {
    return CdcFixtures.config(slot(), publication());
  }

  /** Reads {@code streams} (the table's when none) from {@code prior} with {@code config}. */
  RecordingContext sync(CdcConfig config, GlobalState prior, ConfiguredAirbyteStream... streams) {
    return read(config, new RecordingContext(prior), streams);
  }

  RecordingContext sync(GlobalState prior, ConfiguredAirbyteStream... streams) {
    return sync(config(), prior, streams);
  }

  /** A sync as above; {@code log} keeps what was logged during it, and is closed after. */
  RecordingContext syncCapturing(LogCapture log, GlobalState prior, ConfiguredAirbyteStream... streams) {
    try (log) {
      return sync(prior, streams);
    }
  }

  /** Reads {@code streams} (the table's when none) into {@code context}, which may crash the read. */
  RecordingContext read(CdcConfig config, RecordingContext context, ConfiguredAirbyteStream... streams) {
    List<ConfiguredAirbyteStream> read = streams.length == 0 ? List.of(CdcFixtures.stream(name())) : List.of(streams);
    new CdcReader(config, CdcFixtures.connections(db), 0).read(read, context);
    return context;
  }

  /** A column of the slot's row in {@code pg_replication_slots}, as text. */
  String slotColumn(String column) {
    return db.queryString("SELECT " + column + " FROM pg_replication_slots WHERE slot_name = '" + slot() + "'");
  }

  Lsn confirmedFlush() {
    return Lsn.parse(slotColumn("confirmed_flush_lsn"));
  }

  static Lsn lsn(GlobalState state) {
    return Lsn.parse(state.sharedState().get("lsn").asText());
  }
}
