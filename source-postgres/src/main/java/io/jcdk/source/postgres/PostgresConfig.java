package io.jcdk.source.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.source.postgres.CdcConfig.InvalidPositionBehavior;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The parsed config: the fields of {@code spec.json} (Airbyte's source-postgres names, so existing
 * configs work unchanged) as values. Parse with {@link #parse}, after the runtime validated the
 * JSON against the spec.
 *
 * @param schemas {@code schemas}; empty means every schema the user can read
 * @param password {@code password}; empty for trust or certificate authentication
 * @param jdbcUrlParams {@code jdbc_url_params} split into pgjdbc properties
 * @param checkpointInterval {@code checkpoint_target_interval_seconds}
 * @param fetchSize {@code fetch_size}: rows per round trip of the CDC snapshot's cursor; 0 for its default
 */
public record PostgresConfig(
    String host,
    int port,
    String database,
    List<String> schemas,
    String username,
    Optional<String> password,
    Map<String, String> jdbcUrlParams,
    SslConfig ssl,
    TunnelConfig tunnel,
    ReplicationMethod replication,
    Duration checkpointInterval,
    int fetchSize) {

  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

  private static final Logger LOG = Logger.getLogger(PostgresConfig.class.getName());

  /** pgjdbc's property for a replication connection, which the connector sets per connection. */
  private static final String REPLICATION_PARAM = "replication";

  public PostgresConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(username, "username");
    schemas = List.copyOf(schemas);
    jdbcUrlParams = Map.copyOf(jdbcUrlParams);
    Objects.requireNonNull(ssl, "ssl");
    Objects.requireNonNull(tunnel, "tunnel");
    Objects.requireNonNull(replication, "replication");
  }

  /** A direct, non-CDC config with defaults (for tests and embedding). */
  public static PostgresConfig of(String host, int port, String database, String username, String password) {
    return new PostgresConfig(host, port, database, List.of(), username, Optional.ofNullable(password), Map.of(),
        SslConfig.PREFER, new TunnelConfig.None(), new ReplicationMethod.Standard(), DEFAULT_CHECKPOINT_INTERVAL, 0);
  }

  public PostgresConfig withSchemas(List<String> newSchemas) {
    return new PostgresConfig(host, port, database, newSchemas, username, password, jdbcUrlParams, ssl, tunnel,
        replication, checkpointInterval, fetchSize);
  }

  public PostgresConfig withReplication(ReplicationMethod method) {
    return new PostgresConfig(host, port, database, schemas, username, password, jdbcUrlParams, ssl, tunnel,
        method, checkpointInterval, fetchSize);
  }

  public PostgresConfig withTunnel(TunnelConfig newTunnel) {
    return new PostgresConfig(host, port, database, schemas, username, password, jdbcUrlParams, ssl, newTunnel,
        replication, checkpointInterval, fetchSize);
  }

  public PostgresConfig withSsl(SslConfig newSsl) {
    return new PostgresConfig(host, port, database, schemas, username, password, jdbcUrlParams, newSsl, tunnel,
        replication, checkpointInterval, fetchSize);
  }

  public PostgresConfig withFetchSize(int newFetchSize) {
    return new PostgresConfig(host, port, database, schemas, username, password, jdbcUrlParams, ssl, tunnel,
        replication, checkpointInterval, newFetchSize);
  }

  public PostgresConfig withCheckpointInterval(Duration interval) {
    return new PostgresConfig(host, port, database, schemas, username, password, jdbcUrlParams, ssl, tunnel,
        replication, interval, fetchSize);
  }

  /** The CDC settings when {@code replication_method.method} is CDC. */
  public Optional<CdcConfig> cdc() {
    return replication instanceof CdcConfig c ? Optional.of(c) : Optional.empty();
  }

  /** The password stays out of logs. */
  @Override
  public String toString() {
    return "PostgresConfig[" + username + "@" + host + ":" + port + "/" + database + ", schemas=" + schemas
        + ", ssl=" + ssl + ", tunnel=" + tunnel + ", replication=" + replication.getClass().getSimpleName() + "]";
  }

  /**
   * Rewrites what published guides write and the spec spells otherwise; see {@code
   * Connector#migrateConfig}. {@code ssl_mode.mode: enable} (the Postgres CDC setup guide of OSO
   * uses it) means TLS required: {@code require}.
   */
  static JsonNode migrate(JsonNode config) {
    if (!"enable".equals(config.path("ssl_mode").path("mode").asText(null))) {
      return config;
    }
    ObjectNode migrated = config.deepCopy();
    ((ObjectNode) migrated.get("ssl_mode")).put("mode", SslConfig.Mode.REQUIRE.value());
    LOG.info("ssl_mode.mode 'enable' (the spelling of some setup guides) is read as 'require': every connection"
        + " uses TLS, without verifying the server's certificate. Write 'require' to drop this note, or 'verify-ca'"
        + " or 'verify-full' with ca_certificate to verify the server.");
    return migrated;
  }

  /** Parses a config the runtime validated against the spec; what the schema cannot say is checked here. */
  public static PostgresConfig parse(JsonNode json) {
    List<String> schemas = new ArrayList<>();
    json.path("schemas").forEach(s -> schemas.add(s.asText()));
    return new PostgresConfig(
        required(json, "host"),
        json.path("port").asInt(5432),
        required(json, "database"),
        schemas,
        required(json, "username"),
        optionalText(json, "password"),
        jdbcUrlParams(json.path("jdbc_url_params").asText("")),
        ssl(json.path("ssl_mode")),
        tunnel(json.path("tunnel_method")),
        replication(json.path("replication_method")),
        Duration.ofSeconds(json.path("checkpoint_target_interval_seconds").asLong(60)),
        json.path("fetch_size").asInt(0));
  }

  /** {@code key1=value1&key2=value2}; values may be URL-encoded. */
  static Map<String, String> jdbcUrlParams(String text) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw ConnectorException.config("jdbc_url_params: '" + pair + "' is not a key=value pair;"
            + " write them as key1=value1&key2=value2.");
      }
      params.put(pair.substring(0, eq).trim(), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    String replication = params.remove(REPLICATION_PARAM);
    if (replication != null) {
      LOG.info(() -> "jdbc_url_params: 'replication=" + replication + "' is left out. The connector opens"
          + " replication connections itself, only where it needs one (replication=database, for the change stream"
          + " of CDC), and reads tables over ordinary connections, which that parameter would turn into"
          + " replication connections. Remove it from jdbc_url_params to drop this note.");
    }
    return params;
  }

  private static SslConfig ssl(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return SslConfig.PREFER;
    }
    String mode = node.path("mode").asText("prefer");
    SslConfig.Mode m;
    try {
      m = SslConfig.Mode.fromSpec(mode);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config("ssl_mode.mode: '" + mode + "' is not a mode; use one of disable, allow,"
          + " prefer, require, verify-ca, verify-full.");
    }
    SslConfig ssl = new SslConfig(m, optionalText(node, "ca_certificate"), optionalText(node, "client_certificate"),
        optionalText(node, "client_key"), optionalText(node, "client_key_password"));
    if ((m == SslConfig.Mode.VERIFY_CA || m == SslConfig.Mode.VERIFY_FULL) && ssl.caCertificate().isEmpty()) {
      throw ConnectorException.config("ssl_mode: mode " + mode + " needs ca_certificate, the PEM certificate of the"
          + " CA that signed the server's certificate.");
    }
    if (ssl.clientCertificate().isPresent() != ssl.clientKey().isPresent()) {
      throw ConnectorException.config("ssl_mode: client_certificate and client_key go together; give both or"
          + " neither.");
    }
    return ssl;
  }

  private static TunnelConfig tunnel(JsonNode node) {
    String method = node.path("tunnel_method").asText("NO_TUNNEL");
    return switch (method) {
      case "NO_TUNNEL" -> new TunnelConfig.None();
      case "SSH_KEY_AUTH" -> new TunnelConfig.SshKey(required(node, "tunnel_host", "tunnel_method."),
          node.path("tunnel_port").asInt(22), required(node, "tunnel_user", "tunnel_method."),
          required(node, "ssh_key", "tunnel_method."), HostKeyPins.parse(node.path("tunnel_host_key").asText("")));
      case "SSH_PASSWORD_AUTH" -> new TunnelConfig.SshPassword(required(node, "tunnel_host", "tunnel_method."),
          node.path("tunnel_port").asInt(22), required(node, "tunnel_user", "tunnel_method."),
          required(node, "tunnel_user_password", "tunnel_method."),
          HostKeyPins.parse(node.path("tunnel_host_key").asText("")));
      default -> throw ConnectorException.config("tunnel_method.tunnel_method: '" + method + "' is not a method;"
          + " use NO_TUNNEL, SSH_KEY_AUTH or SSH_PASSWORD_AUTH.");
    };
  }

  private static ReplicationMethod replication(JsonNode node) {
    String method = node.path("method").asText("Standard");
    return switch (method) {
      case "Standard" -> new ReplicationMethod.Standard();
      case "Xmin" -> new ReplicationMethod.Xmin();
      case "CDC" -> cdc(node);
      default -> throw ConnectorException.config("replication_method.method: '" + method + "' is not a method;"
          + " use Standard, Xmin or CDC.");
    };
  }

  private static CdcConfig cdc(JsonNode node) {
    String plugin = node.path("plugin").asText("pgoutput");
    if (!plugin.equals("pgoutput")) {
      throw ConnectorException.config("replication_method.plugin: '" + plugin + "' is not supported; use pgoutput.");
    }
    String lsn = node.path("lsn_commit_behaviour").asText(LsnCommitBehaviour.AFTER_DESTINATION.specValue());
    String invalid = node.path("invalid_cdc_cursor_position_behavior")
        .asText(InvalidPositionBehavior.FAIL_SYNC.specValue());
    LsnCommitBehaviour lsnCommit;
    InvalidPositionBehavior invalidPosition;
    try {
      lsnCommit = LsnCommitBehaviour.fromSpec(lsn);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config("replication_method.lsn_commit_behaviour: '" + lsn + "' is not a choice;"
          + " use 'After loading Data in the destination' or 'While reading Data'.");
    }
    try {
      invalidPosition = InvalidPositionBehavior.fromSpec(invalid);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config("replication_method.invalid_cdc_cursor_position_behavior: '" + invalid
          + "' is not a choice; use 'Fail sync' or 'Re-sync data'.");
    }
    return new CdcConfig(
        required(node, "replication_slot", "replication_method."),
        required(node, "publication", "replication_method."),
        Duration.ofSeconds(node.path("initial_waiting_seconds").asLong(CdcConfig.DEFAULT_INITIAL_WAITING.toSeconds())),
        node.path("queue_size").asInt(10_000),
        lsnCommit,
        optionalText(node, "heartbeat_action_query"),
        invalidPosition,
        Duration.ofHours(node.path("initial_load_timeout_hours").asLong(8)));
  }

  private static String required(JsonNode node, String field) {
    return required(node, field, "");
  }

  private static String required(JsonNode node, String field, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw ConnectorException.config(prefix + field + " is missing or empty; set it in the config.");
    }
    return value.asText();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
  }
}
