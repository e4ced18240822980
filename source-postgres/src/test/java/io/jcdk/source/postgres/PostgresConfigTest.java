package io.jcdk.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import io.jcdk.source.postgres.CdcConfig.InvalidPositionBehavior;
import io.jcdk.source.postgres.CdcConfig.LsnCommitBehaviour;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

  private static PostgresConfig parse(String json) {
    return PostgresConfig.parse(Json.parse(json));
  }

  @Test
  void minimalConfigGetsTheDocumentedDefaults() {
    PostgresConfig c = parse("{\"host\":\"db\",\"port\":5433,\"database\":\"app\",\"username\":\"u\"}");
    assertThat(c.schemas()).isEmpty();
    assertThat(c.password()).isEmpty();
    assertThat(c.ssl().mode()).isEqualTo(SslConfig.Mode.PREFER);
    assertThat(c.tunnel()).isInstanceOf(TunnelConfig.None.class);
    assertThat(c.replication()).isInstanceOf(ReplicationMethod.Standard.class);
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.fetchSize()).isZero();
  }

  @Test
  void airbyteCdcConfigParsesEveryField() {
    PostgresConfig c = parse("""
        {"host":"db","port":5432,"database":"app","username":"u","password":"p","schemas":["public","Sales"],
         "jdbc_url_params":"connectTimeout=5&options=-c%20statement_timeout%3D0",
         "ssl_mode":{"mode":"verify-full","ca_certificate":"CA","client_certificate":"CERT","client_key":"KEY",
                     "client_key_password":"kp"},
         "tunnel_method":{"tunnel_method":"SSH_KEY_AUTH","tunnel_host":"bastion","tunnel_port":2222,
                          "tunnel_user":"me","ssh_key":"KEYTEXT"},
         "replication_method":{"method":"CDC","plugin":"pgoutput","replication_slot":"slot","publication":"pub",
                               "initial_waiting_seconds":30,"queue_size":500,
                               "lsn_commit_behaviour":"While reading Data","heartbeat_action_query":"SELECT 1",
                               "invalid_cdc_cursor_position_behavior":"Re-sync data","initial_load_timeout_hours":4},
         "checkpoint_target_interval_seconds":15,"fetch_size":2000}
        """);
    assertThat(c.schemas()).containsExactly("public", "Sales");
    assertThat(c.jdbcUrlParams()).containsEntry("connectTimeout", "5")
        .containsEntry("options", "-c statement_timeout=0");
    assertThat(c.ssl().mode()).isEqualTo(SslConfig.Mode.VERIFY_FULL);
    assertThat(c.ssl().clientKeyPassword()).contains("kp");
    assertThat(c.tunnel()).isEqualTo(new TunnelConfig.SshKey("bastion", 2222, "me", "KEYTEXT"));
    CdcConfig cdc = c.cdc().orElseThrow();
    assertThat(cdc.replicationSlot()).isEqualTo("slot");
    assertThat(cdc.publication()).isEqualTo("pub");
    assertThat(cdc.initialWaiting()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cdc.queueSize()).isEqualTo(500);
    assertThat(cdc.lsnCommit()).isEqualTo(LsnCommitBehaviour.WHILE_READING);
    assertThat(cdc.heartbeatActionQuery()).contains("SELECT 1");
    assertThat(cdc.invalidPosition()).isEqualTo(InvalidPositionBehavior.RESYNC_DATA);
    assertThat(cdc.initialLoadTimeout()).isEqualTo(Duration.ofHours(4));
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.fetchSize()).isEqualTo(2000);
  }

  @Test
  void cdcDefaultsFollowTheSpec() {
    CdcConfig cdc = parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\",\"replication_method\":"
        + "{\"method\":\"CDC\",\"replication_slot\":\"s\",\"publication\":\"p\"}}").cdc().orElseThrow();
    assertThat(cdc.lsnCommit()).isEqualTo(LsnCommitBehaviour.AFTER_DESTINATION);
    assertThat(cdc.invalidPosition()).isEqualTo(InvalidPositionBehavior.FAIL_SYNC);
    assertThat(cdc.initialWaiting()).isEqualTo(Duration.ofSeconds(1200));
    assertThat(cdc.heartbeatActionQuery()).isEmpty();
  }

  @Test
  void tunnelHostKeysParseFromKnownHostsLinesKeysAndFingerprints() throws Exception {
    PublicKey key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic();
    String text = "# from ssh-keyscan\n[bastion]:2222 " + PublicKeyEntry.toString(key) + "\n"
        + "256 SHA256:AYzX9+ZVB+2QCmGg3H6e58vaPmRQtz+YQSgB35pUODs bastion (ED25519)\n";
    PostgresConfig c = parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\",\"tunnel_method\":"
        + "{\"tunnel_method\":\"SSH_PASSWORD_AUTH\",\"tunnel_host\":\"b\",\"tunnel_user\":\"t\","
        + "\"tunnel_user_password\":\"pw\",\"tunnel_host_key\":" + Json.write(text) + "}}");
    HostKeyPins pins = ((TunnelConfig.Ssh) c.tunnel()).hostKeys();
    assertThat(pins.matches(key)).isTrue();
    assertThat(pins.keyTypes()).containsExactly("ssh-ed25519");
    assertThat(pins.fingerprints()).containsExactly("SHA256:AYzX9+ZVB+2QCmGg3H6e58vaPmRQtz+YQSgB35pUODs");
    assertThat(pins.matches(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic())).isFalse();
    assertThat(c.toString()).contains("host key ssh-ed25519 SHA256:");
  }

  @Test
  void passwordTunnelAndXminParse() {
    PostgresConfig c = parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\","
        + "\"tunnel_method\":{\"tunnel_method\":\"SSH_PASSWORD_AUTH\",\"tunnel_host\":\"b\",\"tunnel_user\":\"t\","
        + "\"tunnel_user_password\":\"pw\"},\"replication_method\":{\"method\":\"Xmin\"}}");
    assertThat(c.tunnel()).isEqualTo(new TunnelConfig.SshPassword("b", 22, "t", "pw"));
    assertThat(c.replication()).isInstanceOf(ReplicationMethod.Xmin.class);
  }

  @Test
  void whatTheSchemaCannotSayIsAConfigErrorNamingTheField() {
    assertThatThrownBy(() -> parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\","
        + "\"ssl_mode\":{\"mode\":\"verify-ca\"}}"))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("needs ca_certificate");
    assertThatThrownBy(() -> parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\","
        + "\"ssl_mode\":{\"mode\":\"require\",\"client_certificate\":\"C\"}}"))
        .hasMessageContaining("client_certificate and client_key go together");
    assertThatThrownBy(() -> parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\","
        + "\"jdbc_url_params\":\"novalue\"}"))
        .hasMessageContaining("jdbc_url_params: 'novalue' is not a key=value pair");
    assertThatThrownBy(() -> parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\","
        + "\"replication_method\":{\"method\":\"CDC\",\"replication_slot\":\"s\",\"publication\":\"p\","
        + "\"lsn_commit_behaviour\":\"sometimes\"}}"))
        .hasMessageContaining("replication_method.lsn_commit_behaviour: 'sometimes'");
    assertThatThrownBy(() -> parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\","
        + "\"replication_method\":{\"method\":\"CDC\",\"publication\":\"p\"}}"))
        .hasMessageContaining("replication_method.replication_slot is missing");
  }

  @Test
  void toStringNeverShowsSecrets() {
    PostgresConfig c = parse("{\"host\":\"h\",\"database\":\"d\",\"username\":\"u\",\"password\":\"hunter2\","
        + "\"ssl_mode\":{\"mode\":\"verify-ca\",\"ca_certificate\":\"CA-PEM\"},"
        + "\"tunnel_method\":{\"tunnel_method\":\"SSH_PASSWORD_AUTH\",\"tunnel_host\":\"b\",\"tunnel_user\":\"t\","
        + "\"tunnel_user_password\":\"sshpw\"}}");
    assertThat(c.toString()).doesNotContain("hunter2").doesNotContain("CA-PEM").doesNotContain("sshpw");
  }

  @Test
  void specListsEveryFieldTheConfigReads() {
    var properties = new PostgresSource().spec().connectionSpecification().get("properties");
    for (String field : List.of("host", "port", "database", "schemas", "username", "password", "jdbc_url_params",
        "ssl_mode", "replication_method", "tunnel_method", "checkpoint_target_interval_seconds", "fetch_size")) {
      assertThat(properties.has(field)).as(field).isTrue();
    }
  }
}
