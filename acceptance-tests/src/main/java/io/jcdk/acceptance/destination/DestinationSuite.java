package io.jcdk.acceptance.destination;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.ConnectionTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.DestinationTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.ExpectedStatus;
import io.jcdk.acceptance.config.AcceptanceTestConfig.SpecTest;
import io.jcdk.acceptance.config.Spelling;
import io.jcdk.acceptance.config.Strictness;
import io.jcdk.acceptance.connector.ConnectionSuite;
import io.jcdk.acceptance.connector.SpecSuite;
import io.jcdk.protocol.ConnectorSpecification;
import java.util.ArrayList;
import java.util.List;

/**
 * A destination's suites for one {@code destination.tests} entry: its spec, check with the valid and
 * the invalid config, and the write checks (read-back, sync, overwrite, input cut short, a retried
 * overwrite, append, append_dedup, state echo and durability, a large batch, large records, special
 * characters, namespaces, new fields).
 */
public final class DestinationSuite {

  private DestinationSuite() {}

  /** @param readBack a programmatic read-back (JUnit), or null to use the config's read_back command */
  public static List<CheckGroup> groups(SuiteContext context, DestinationTest test, String name, ReadBack readBack) {
    if (test.configPath() == null) {
      throw new IllegalArgumentException(name + " needs a config_path");
    }
    List<CheckGroup> groups = new ArrayList<>();
    groups.add(SpecSuite.group(context, new SpecTest(test.specPath(), test.configPath(), null, null), name + " spec"));
    groups.add(ConnectionSuite.group(context,
        new ConnectionTest(test.configPath(), ExpectedStatus.SUCCEED, test.timeoutSeconds()), name + " check valid"));
    if (test.invalidConfigPath() != null) {
      groups.add(ConnectionSuite.group(context,
          new ConnectionTest(test.invalidConfigPath(), ExpectedStatus.FAILED, test.timeoutSeconds()),
          name + " check invalid"));
    }
    RunLog log = context.newLog("destination");
    DestinationSession session = new DestinationSession(context, test, log, readBack);
    SyncChecks sync = new SyncChecks(session);
    StateChecks states = new StateChecks(session);
    VolumeChecks volume = new VolumeChecks(session);
    CutShortChecks cutShort = new CutShortChecks(session, states);
    List<Check> checks = List.of(
        Check.of("destination.sync_modes_declared", "the spec lists supported_destination_sync_modes",
            () -> syncModesDeclared(context)),
        Check.of("destination.read_back", "what was stored can be read back", session::readBackWorks),
        Check.of("destination.sync", "a sync of two streams stores every record as sent", sync::sync),
        Check.of("destination.states_echoed_in_order", "every state is echoed once, in input order, with "
            + "destinationStats", states::echoedInOrder),
        Check.of("destination.state_echo_means_committed", "records before an echoed state survive a kill right "
            + "after the echo", states::echoMeansCommitted),
        Check.of("destination.overwrite", "an overwrite sync replaces its stream and leaves other streams alone",
            sync::overwrite),
        Check.of("destination.cut_short_input", "input that ends without COMPLETE leaves an overwritten stream's "
            + "data in place", cutShort::cutShortInput),
        Check.of("destination.overwrite_retry", "an overwrite killed and retried in the same generation holds each "
            + "record once", cutShort::overwriteRetry),
        Check.of("destination.append", "two append syncs keep both syncs' records", sync::append),
        Check.of("destination.append_dedup", "append_dedup keeps the latest record per primary key", sync::appendDedup),
        Check.of("destination.large_batch", "a large batch is stored completely", volume::largeBatch),
        Check.of("destination.large_records", "records of 10 MB are stored intact", volume::largeRecords),
        Check.of("destination.special_characters", "line breaks and unicode come back unchanged",
            volume::specialCharacters),
        Check.of("destination.namespaces", "the same stream name in different namespaces stays apart",
            sync::namespaces),
        Check.of("destination.new_fields", "a field that appears in a later sync is stored", sync::newFields),
        log.conformanceCheck());
    knownBypasses(context, test, name, checks);
    groups.add(new CheckGroup("destination", name + " write", checks));
    return groups;
  }

  /** At high strictness, a bypass must name a check of this suite (by the id's last part): a typo bypasses nothing. */
  private static void knownBypasses(SuiteContext context, DestinationTest test, String name, List<Check> checks) {
    if (context.config().strictness() != Strictness.HIGH) {
      return;
    }
    List<String> known = checks.stream().map(c -> c.id().substring(c.id().indexOf('.') + 1)).toList();
    for (String bypass : test.bypass().keySet()) {
      if (!known.contains(bypass)) {
        throw new IllegalArgumentException(name + ": bypass '" + bypass + "' names no destination check"
            + Spelling.closest(bypass, known).map(k -> "; did you mean '" + k + "'?").orElse("; the checks are " + known));
      }
    }
  }

  private static void syncModesDeclared(SuiteContext context) {
    List<ConnectorSpecification> specs = context.specTranscript().specs();
    if (specs.isEmpty()) {
      throw Check.fail("spec printed no SPEC message\n  " + context.specTranscript().diagnostics());
    }
    if (specs.get(0).supportedDestinationSyncModes() == null || specs.get(0).supportedDestinationSyncModes().isEmpty()) {
      throw Check.fail("a destination's spec must list supported_destination_sync_modes (append, overwrite, "
          + "append_dedup): the platform offers only the modes listed");
    }
  }
}
