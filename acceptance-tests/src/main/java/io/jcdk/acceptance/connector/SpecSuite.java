package io.jcdk.acceptance.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.check.SuiteContext;
import io.jcdk.acceptance.config.AcceptanceTestConfig.BackwardCompatibility;
import io.jcdk.acceptance.config.AcceptanceTestConfig.SpecTest;
import io.jcdk.testing.JsonSchemas;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code spec}: one SPEC message whose connectionSpecification is a valid draft-07 object schema,
 * with secret-looking fields marked {@code airbyte_secret}, equal to the expected spec file, and
 * still accepting configs written for the previous spec.
 */
public final class SpecSuite {

  /** Field names that hold credentials; such a field must be marked airbyte_secret. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      ".*(password|passwd|passphrase|secret|api_?key|private_?key|ssh_key|access_key|token|credentials_json)$");
  private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema";

  private final SuiteContext context;
  private final SpecTest test;
  private final RunLog log;

  private SpecSuite(SuiteContext context, SpecTest test) {
    this.context = context;
    this.test = test;
    this.log = context.newLog("spec");
  }

  public static CheckGroup group(SuiteContext context, SpecTest test, String name) {
    return new SpecSuite(context, test).group(name);
  }

  private CheckGroup group(String name) {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.of("spec.single_spec_message", "prints exactly one SPEC message and exits 0", this::singleSpec));
    checks.add(Check.of("spec.valid_json_schema", "connectionSpecification is a valid draft-07 object schema",
        this::validSchema));
    checks.add(Check.of("spec.secrets_marked", "secret fields are marked airbyte_secret", this::secretsMarked));
    checks.add(Check.of("spec.matches_expected", "equals the expected spec file", this::matchesExpected));
    checks.add(Check.of("spec.config_matches_spec", "the test config is valid for the spec", this::configValid));
    checks.add(Check.of("spec.backward_compatible", "still accepts configs valid for the previous spec",
        this::backwardCompatible));
    checks.add(log.conformanceCheck());
    return new CheckGroup("spec", name, checks);
  }

  private Transcript transcript() {
    Transcript t = context.specTranscript();
    synchronized (this) {
      if (!recorded) {
        log.record(t);
        recorded = true;
      }
    }
    return t;
  }

  private boolean recorded;

  private ConnectorSpecification spec() {
    Transcript t = transcript();
    if (t.specs().size() != 1 || t.specs().get(0).connectionSpecification() == null) {
      throw Check.fail("no usable SPEC message (" + t.specs().size() + " printed, connectionSpecification "
          + "needed)\n  " + t.diagnostics());
    }
    return t.specs().get(0);
  }

  private void singleSpec() {
    Transcript t = transcript();
    if (!t.succeeded()) {
      throw Check.fail("spec must exit 0\n  " + t.diagnostics());
    }
    if (t.specs().size() != 1) {
      throw Check.fail("spec must print exactly one SPEC message, printed " + t.specs().size() + "\n  " + t.summary());
    }
    if (!t.errors().isEmpty()) {
      throw Check.fail("spec printed a TRACE error: " + t.errors().get(0).message());
    }
  }

  private void validSchema() {
    JsonNode schema = spec().connectionSpecification();
    List<String> problems = new ArrayList<>(JsonSchemas.metaSchemaProblems(schema));
    if (!"object".equals(schema.path("type").asText())) {
      problems.add("the root must have \"type\": \"object\", has " + schema.get("type"));
    }
    JsonNode declared = schema.get("$schema");
    if (declared != null && !declared.asText().startsWith(DRAFT_07)) {
      problems.add("$schema is " + declared + "; the protocol uses draft-07 (" + DRAFT_07 + "#)");
    }
    if (!problems.isEmpty()) {
      throw Check.fail("connectionSpecification is not a valid draft-07 object schema:\n  "
          + String.join("\n  ", problems));
    }
  }

  private void secretsMarked() {
    List<String> unmarked = new ArrayList<>();
    findUnmarkedSecrets(spec().connectionSpecification(), "", unmarked);
    if (!unmarked.isEmpty()) {
      throw Check.fail("these fields look like secrets but are not marked \"airbyte_secret\": true (the "
          + "platform would store and show them in clear): " + String.join(", ", unmarked));
    }
  }

  private static void findUnmarkedSecrets(JsonNode schema, String path, List<String> out) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    schema.path("properties").fields().forEachRemaining(e -> {
      String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode property = e.getValue();
      boolean stringy = !property.has("type") || property.path("type").asText().equals("string")
          || property.path("type").toString().contains("\"string\"");
      if (SECRET_NAME.matcher(e.getKey().toLowerCase()).matches() && stringy && !property.has("const")
          && !property.has("enum") && !property.path("airbyte_secret").asBoolean(false)) {
        out.add("'" + field + "'");
      }
      findUnmarkedSecrets(property, field, out);
    });
    findUnmarkedSecrets(schema.get("items"), path + "[]", out);
    for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
      schema.path(combinator).forEach(branch -> findUnmarkedSecrets(branch, path, out));
    }
  }

  private void matchesExpected() {
    if (test.specPath() == null) {
      throw Check.skip("no spec_path in the config: nothing to compare the spec with");
    }
    JsonNode expected = context.fixtures().json(test.specPath());
    JsonNode actual = Json.mapper().valueToTree(spec());
    List<String> diff = JsonDiff.differences(expected, actual, 10);
    if (!diff.isEmpty()) {
      throw Check.fail("the spec differs from " + test.specPath() + " (update the file if the change is "
          + "intended):\n  " + String.join("\n  ", diff));
    }
  }

  private void configValid() {
    if (test.configPath() == null) {
      throw Check.skip("no config_path in the spec test");
    }
    List<String> problems = JsonSchemas.problems(JsonSchemas.compile(spec().connectionSpecification()),
        context.fixtures().json(test.configPath()));
    if (!problems.isEmpty()) {
      throw Check.fail(test.configPath() + " is not valid for the spec: " + String.join("; ", problems));
    }
  }

  private void backwardCompatible() {
    BackwardCompatibility bc = test.backwardCompatibility();
    if (bc == null || bc.previousSpecPath() == null) {
      throw Check.skip("no backward_compatibility_tests_config.previous_spec_path: nothing to compare with");
    }
    if (bc.bypassReason() != null) {
      throw Check.skip("bypassed: " + bc.bypassReason());
    }
    JsonNode previousFile = context.fixtures().json(bc.previousSpecPath());
    JsonNode previous = previousFile.has("connectionSpecification")
        ? previousFile.get("connectionSpecification") : previousFile;
    JsonNode current = spec().connectionSpecification();
    List<String> problems = new ArrayList<>(SpecCompatibility.breakingChanges(previous, current));
    var before = JsonSchemas.compile(previous);
    var now = JsonSchemas.compile(current);
    List<String> configs = bc.previousConfigPaths() == null ? List.of() : bc.previousConfigPaths();
    for (String path : configs) {
      JsonNode config = context.fixtures().json(path);
      List<String> old = JsonSchemas.problems(before, config);
      if (!old.isEmpty()) {
        throw new IllegalArgumentException(path + " is listed as a config for the previous spec but is not valid "
            + "for it: " + String.join("; ", old));
      }
      List<String> rejected = JsonSchemas.problems(now, config);
      if (!rejected.isEmpty()) {
        problems.add(path + " (valid for the previous spec) is rejected now: " + String.join("; ", rejected));
      }
    }
    if (!problems.isEmpty()) {
      throw Check.fail("the spec is not backward compatible with " + bc.previousSpecPath() + ":\n  "
          + String.join("\n  ", problems));
    }
  }
}
