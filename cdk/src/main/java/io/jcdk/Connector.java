package io.jcdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.ConnectorSpecification;

/**
 * What every connector, source or destination, answers. {@code C} is the connector's own config
 * type, usually a record.
 *
 * <p>The runtime calls, for every command but {@code spec}:
 *
 * <ol>
 *   <li>{@link #migrateConfig(JsonNode)} with the user's config, to rewrite spellings the connector
 *       accepts for compatibility into the spec's.
 *   <li>{@link #spec()}, to validate the user's config against {@code connectionSpecification}
 *       (draft-07) and to learn which fields are {@code airbyte_secret}. An invalid config never
 *       reaches the connector: the user gets a config_error naming each bad field.
 *   <li>{@link #parseConfig(JsonNode)} with the validated JSON. Parse once, into immutable values;
 *       throw {@link ConnectorException#config} for what the schema cannot express.
 *   <li>The command itself with the parsed config.
 * </ol>
 *
 * <p>Methods are called from one thread. None may write to {@code System.out}: the runtime owns
 * stdout, and anything printed there is re-routed to stderr.
 */
public interface Connector<C> {

  /** The specification; usually {@code Specs.fromResource(getClass(), "spec.json")}. */
  ConnectorSpecification spec();

  /**
   * Rewrites spellings the connector accepts for compatibility (a value another tool's guide
   * uses) into the spec's own, before the config is validated. Log a note for each rewrite, so the
   * user learns the spec's spelling; never change what a config means. Return {@code config}
   * itself (the default) when there is nothing to rewrite; never modify it in place.
   */
  default JsonNode migrateConfig(JsonNode config) {
    return config;
  }

  /** Turns the validated config into the connector's config type. */
  C parseConfig(JsonNode config);

  /**
   * Tries the config for real (connect, authenticate, probe). Problems the user can fix are a
   * {@link AirbyteConnectionStatus#failed FAILED} status with one sentence each, not an exception.
   */
  AirbyteConnectionStatus check(C config);
}
