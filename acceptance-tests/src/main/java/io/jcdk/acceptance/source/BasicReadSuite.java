package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.BasicReadTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.NamedBypass;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code read} of the configured catalog, judged by: exit 0, records valid against their
 * stream schemas and only for configured streams, records in every non-empty stream, the expected
 * records, stream status STARTED → COMPLETE, a state per stream, no LEGACY state, exact
 * {@code sourceStats}; and a read with a catalog naming an unknown stream ends in a TRACE error.
 */
public final class BasicReadSuite {

  static final String UNKNOWN_STREAM = "jcdk_acceptance_no_such_stream";

  private final SuiteContext context;
  private final BasicReadTest test;
  private final RunLog log;
  private final Lazy<JsonNode> config;
  private final Lazy<ConfiguredAirbyteCatalog> catalog;
  private final Lazy<Transcript> read;

  private BasicReadSuite(SuiteContext context, BasicReadTest test) {
    this.context = context;
    this.test = test;
    this.log = context.newLog("basic_read");
    this.config = Lazy.of(() -> context.fixtures().json(test.configPath()));
    this.catalog = Lazy.of(() -> test.configuredCatalogPath() != null
        ? Catalogs.parse(context.fixtures().json(test.configuredCatalogPath()), test.configuredCatalogPath())
        : Catalogs.fullRefresh(Catalogs.discovered(log.run(Invocation.discover(config.get()), config.get()))));
    this.read = Lazy.of(() -> log.run(Invocation.read(config.get(), Catalogs.toJson(catalog.get()), null)
        .withTimeout(SuiteContext.timeout(test.timeoutSeconds())), config.get()));
  }

  public static CheckGroup group(SuiteContext context, BasicReadTest test, String name) {
    if (test.configPath() == null) {
      throw new IllegalArgumentException(name + " needs a config_path");
    }
    BasicReadSuite s = new BasicReadSuite(context, test);
    return new CheckGroup("basic_read", name, List.of(
        Check.of("basic_read.read_succeeds", "read exits 0 without a TRACE error", () -> ReadChecks.succeeded(s.read())),
        Check.of("basic_read.records_match_schema", "records are valid against their stream's json_schema",
            s::recordsMatchSchema),
        Check.of("basic_read.records_in_catalog", "records belong to configured streams",
            () -> ReadChecks.recordsInCatalog(s.read(), s.catalog.get())),
        Check.of("basic_read.streams_not_empty", "every stream not listed in empty_streams has records",
            s::streamsNotEmpty),
        Check.of("basic_read.expected_records", "the expected records are read", s::expectedRecords),
        Check.of("basic_read.stream_status", "every stream goes STARTED → COMPLETE",
            () -> ReadChecks.streamStatus(s.read(), s.catalog.get())),
        Check.of("basic_read.state_per_stream", "at least one state per stream",
            () -> ReadChecks.statePerStream(s.read(), s.catalog.get())),
        Check.of("basic_read.no_legacy_state", "no LEGACY state", () -> ReadChecks.noLegacyState(s.read())),
        Check.of("basic_read.source_stats", "every state has sourceStats.recordCount, and it is exact",
            () -> ReadChecks.sourceStats(s.read())),
        Check.of("basic_read.invalid_catalog", "a catalog with an unknown stream gives a TRACE error",
            s::invalidCatalog),
        s.log.conformanceCheck()));
  }

  private Transcript read() {
    return read.get();
  }

  private void recordsMatchSchema() {
    if (Boolean.FALSE.equals(test.validateSchema())) {
      throw Check.skip("validate_schema: false in the config");
    }
    ReadChecks.recordsMatchSchema(read(), catalog.get());
  }

  private void streamsNotEmpty() {
    Set<String> excused = test.emptyStreams().stream().map(NamedBypass::name).collect(Collectors.toSet());
    Set<String> withRecords = read().records().stream().map(AirbyteRecordMessage::stream).collect(Collectors.toSet());
    List<String> empty = catalog.get().streams().stream().map(ConfiguredAirbyteStream::descriptor)
        .filter(d -> !withRecords.contains(d.name()) && !excused.contains(d.name()))
        .map(d -> "'" + d + "'").toList();
    if (!empty.isEmpty()) {
      throw Check.fail("no records for stream(s) " + String.join(", ", empty) + "; list a stream under "
          + "empty_streams with a bypass_reason if it is empty on purpose");
    }
  }

  private void expectedRecords() {
    var expect = test.expectRecords();
    if (expect == null || expect.path() == null) {
      throw Check.skip("no expect_records.path in the config");
    }
    if (expect.bypassReason() != null) {
      throw Check.skip("bypassed: " + expect.bypassReason());
    }
    List<JsonNode> expected = context.fixtures().jsonLines(expect.path());
    ExpectedRecords.verify(expected, read().records(), Boolean.TRUE.equals(expect.exactOrder()),
        Boolean.TRUE.equals(expect.extraFields()), !Boolean.FALSE.equals(expect.extraRecords()), expect.path());
  }

  private void invalidCatalog() {
    JsonNode bad = Json.parse("""
        {"streams": [{"stream": {"name": "%s", "json_schema": {"type": "object",
          "properties": {"id": {"type": "integer"}}}, "supported_sync_modes": ["full_refresh"]},
          "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}]}
        """.formatted(UNKNOWN_STREAM));
    Transcript t = log.run(Invocation.read(config.get(), bad, null).withTimeout(Duration.ofMinutes(2)), config.get());
    if (t.errors().isEmpty() || t.exitCode() == 0) {
      throw Check.fail("reading a catalog with the unknown stream '" + UNKNOWN_STREAM + "' must end in a TRACE "
          + "error and a non-zero exit (the user's catalog is stale)\n  " + t.diagnostics());
    }
    if (!t.records().isEmpty()) {
      throw Check.fail("reading a catalog with an unknown stream printed " + t.records().size() + " records");
    }
  }
}
