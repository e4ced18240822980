package io.jcdk.acceptance.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.FullRefreshTest;
import io.jcdk.acceptance.config.AcceptanceTestConfig.NamedBypass;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Two full refresh reads of unchanged data give the same records (minus {@code ignored_fields}). */
public final class FullRefreshSuite {

  private final Lazy<Transcript> first;
  private final Lazy<Transcript> second;
  private final FullRefreshTest test;

  private FullRefreshSuite(SuiteContext context, FullRefreshTest test, RunLog log) {
    this.test = test;
    Lazy<JsonNode> config = Lazy.of(() -> context.fixtures().json(test.configPath()));
    Lazy<ConfiguredAirbyteCatalog> catalog = Lazy.of(() -> test.configuredCatalogPath() != null
        ? Catalogs.asFullRefresh(Catalogs.parse(context.fixtures().json(test.configuredCatalogPath()),
            test.configuredCatalogPath()))
        : Catalogs.fullRefresh(Catalogs.discovered(log.run(Invocation.discover(config.get()), config.get()))));
    this.first = Lazy.of(() -> log.run(Invocation.read(config.get(), Catalogs.toJson(catalog.get()), null)
        .withTimeout(SuiteContext.timeout(test.timeoutSeconds())), config.get()));
    this.second = Lazy.of(() -> {
      first.get();
      return log.run(Invocation.read(config.get(), Catalogs.toJson(catalog.get()), null)
          .withTimeout(SuiteContext.timeout(test.timeoutSeconds())), config.get());
    });
  }

  public static CheckGroup group(SuiteContext context, FullRefreshTest test, String name) {
    if (test.configPath() == null) {
      throw new IllegalArgumentException(name + " needs a config_path");
    }
    RunLog log = context.newLog("full_refresh");
    FullRefreshSuite s = new FullRefreshSuite(context, test, log);
    return new CheckGroup("full_refresh", name, List.of(
        Check.of("full_refresh.reads_succeed", "two full refresh reads exit 0 without a TRACE error", () -> {
          ReadChecks.succeeded(s.first.get());
          ReadChecks.succeeded(s.second.get());
        }),
        Check.of("full_refresh.same_records", "two full refresh reads give the same records", s::sameRecords),
        log.conformanceCheck()));
  }

  private void sameRecords() {
    Map<String, Set<String>> ignored = test.ignoredFields().entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, e -> e.getValue().stream().map(NamedBypass::name).collect(Collectors.toSet())));
    RecordSet a = RecordSet.of(first.get().records(), ignored);
    RecordSet b = RecordSet.of(second.get().records(), ignored);
    RecordSet onlyFirst = a.minus(b);
    RecordSet onlySecond = b.minus(a);
    if (!onlyFirst.isEmpty() || !onlySecond.isEmpty()) {
      throw Check.fail("the two reads differ (" + a.size() + " vs " + b.size() + " records)"
          + (onlyFirst.isEmpty() ? "" : "\n  only in the first: " + onlyFirst.describe(2))
          + (onlySecond.isEmpty() ? "" : "\n  only in the second: " + onlySecond.describe(2))
          + "\n  list fields that change on every read under ignored_fields");
    }
  }
}
