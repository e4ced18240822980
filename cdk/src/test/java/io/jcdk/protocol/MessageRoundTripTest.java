package io.jcdk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageRoundTripTest {

  /** One line per message type and shape, each with unknown fields at more than one level. */
  static List<String> lines() {
    return List.of(
        "{\"type\":\"RECORD\",\"record\":{\"namespace\":\"public\",\"stream\":\"users\",\"emitted_at\":1700000000000,\"data\":{\"id\":1,\"name\":\"Zoë\",\"nested\":{\"a\":[1,2.5,null,true]}}}}",
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"emitted_at\":1,\"data\":{\"id\":1},\"meta\":{\"changes\":[{\"field\":\"name\",\"change\":\"NULLED\",\"reason\":\"SOURCE_FIELD_SIZE_LIMITATION\",\"x_change\":1}],\"x_meta\":true},\"x_record\":\"kept\"},\"x_top\":{\"deep\":[1]}}",
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"files\",\"emitted_at\":1,\"data\":{},\"file_reference\":{\"staging_file_url\":\"/tmp/a\",\"source_file_relative_path\":\"a\",\"file_size_bytes\":3}}}",
        "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"users\",\"namespace\":\"public\",\"x_sd\":1},\"stream_state\":{\"cursor\":\"2024-01-01\"},\"x_ss\":2},\"sourceStats\":{\"recordCount\":10.0,\"x_stats\":3},\"x_state\":4}}",
        "{\"type\":\"STATE\",\"state\":{\"type\":\"GLOBAL\",\"global\":{\"shared_state\":{\"lsn\":\"0/16B3748\"},\"stream_states\":[{\"stream_descriptor\":{\"name\":\"a\"},\"stream_state\":{\"done\":true}}],\"x_global\":1},\"destinationStats\":{\"recordCount\":2.0,\"rejectedRecordCount\":0.0}}}",
        "{\"type\":\"STATE\",\"state\":{\"type\":\"LEGACY\",\"data\":{\"cdc\":false,\"streams\":[]}}}",
        "{\"type\":\"STATE\",\"state\":{\"data\":{\"old\":1}}}",
        "{\"type\":\"LOG\",\"log\":{\"level\":\"WARN\",\"message\":\"slow\",\"stack_trace\":\"at x\",\"x_log\":1}}",
        "{\"type\":\"SPEC\",\"spec\":{\"documentationUrl\":\"https://example.com\",\"changelogUrl\":\"https://example.com/c\",\"connectionSpecification\":{\"type\":\"object\"},\"supportsIncremental\":true,\"supportsNormalization\":false,\"supportsDBT\":false,\"supported_destination_sync_modes\":[\"append\",\"overwrite\",\"append_dedup\",\"update\",\"soft_delete\"],\"authSpecification\":{\"auth_type\":\"oauth2.0\"},\"advanced_auth\":{\"auth_flow_type\":\"oauth2.0\"},\"protocol_version\":\"0.2.0\",\"x_spec\":1}}",
        "{\"type\":\"CONNECTION_STATUS\",\"connectionStatus\":{\"status\":\"FAILED\",\"message\":\"bad password\",\"x\":1}}",
        "{\"type\":\"CATALOG\",\"catalog\":{\"streams\":[{\"name\":\"users\",\"json_schema\":{\"type\":\"object\"},\"supported_sync_modes\":[\"full_refresh\",\"incremental\"],\"source_defined_cursor\":true,\"default_cursor_field\":[\"id\"],\"source_defined_primary_key\":[[\"id\"]],\"namespace\":\"public\",\"is_resumable\":true,\"is_file_based\":false,\"x_stream\":1}],\"x_catalog\":2}}",
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ERROR\",\"emitted_at\":1.7E12,\"error\":{\"message\":\"m\",\"internal_message\":\"i\",\"stack_trace\":\"s\",\"failure_type\":\"config_error\",\"stream_descriptor\":{\"name\":\"users\"},\"x_err\":1}}}",
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ERROR\",\"emitted_at\":1.0,\"error\":{\"message\":\"m\",\"failure_type\":\"transient_error\"}}}",
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ESTIMATE\",\"emitted_at\":1.0,\"estimate\":{\"name\":\"users\",\"type\":\"STREAM\",\"namespace\":\"public\",\"row_estimate\":100,\"byte_estimate\":2000}}}",
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"STREAM_STATUS\",\"emitted_at\":1.0,\"stream_status\":{\"stream_descriptor\":{\"name\":\"users\"},\"status\":\"INCOMPLETE\",\"reasons\":[{\"type\":\"RATE_LIMITED\",\"rate_limited\":{\"quota_reset\":5}}]}}}",
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ANALYTICS\",\"emitted_at\":1.0,\"analytics\":{\"type\":\"cursor-count\",\"value\":\"2\"}}}",
        "{\"type\":\"CONTROL\",\"control\":{\"type\":\"CONNECTOR_CONFIG\",\"emitted_at\":1.0,\"connectorConfig\":{\"config\":{\"token\":\"new\"}}}}",
        "{\"type\":\"DESTINATION_CATALOG\",\"destination_catalog\":{\"operations\":[{\"object_name\":\"o\",\"sync_mode\":\"append\",\"json_schema\":{}}]}}",
        "{\"configured\":false,\"type\":\"CATALOG\",\"catalog\":{\"streams\":[]}}");
  }

  @ParameterizedTest
  @MethodSource("lines")
  void everyMessageSurvivesReadAndWriteUnchanged(String line) throws IOException {
    AirbyteMessage message = new MessageReader(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8))).next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MessageWriter writer = new MessageWriter(out)) {
      writer.write(message);
    }
    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written).endsWith("\n").doesNotContain("\n\n");
    JsonNode expected = Json.parse(line);
    JsonNode actual = Json.parse(written);
    assertThat((Object) actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("lines")
  void databindingAgreesWithTheReader(String line) throws IOException {
    AirbyteMessage viaReader = new MessageReader(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8))).next();
    AirbyteMessage viaMapper = Json.mapper().readValue(line, AirbyteMessage.class);
    assertThat((Object) Json.mapper().valueToTree(viaReader)).isEqualTo(Json.mapper().valueToTree(viaMapper));
  }

  @org.junit.jupiter.api.Test
  void configuredCatalogKeepsSyncModesGenerationsAndUnknownFields() throws IOException {
    String json = "{\"streams\":[{\"stream\":{\"name\":\"u\",\"json_schema\":{},\"supported_sync_modes\":[\"incremental\"]},"
        + "\"sync_mode\":\"incremental\",\"cursor_field\":[\"updated\"],\"destination_sync_mode\":\"append_dedup\","
        + "\"primary_key\":[[\"id\"],[\"org\"]],\"generation_id\":3,\"minimum_generation_id\":2,\"sync_id\":99,"
        + "\"destination_object_name\":\"users_v2\",\"include_files\":false,\"x\":1}],\"y\":2}";
    ConfiguredAirbyteCatalog catalog = Json.mapper().readValue(json, ConfiguredAirbyteCatalog.class);
    ConfiguredAirbyteStream s = catalog.streams().get(0);
    assertThat(s.syncMode()).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(s.destinationSyncMode()).isEqualTo(DestinationSyncMode.APPEND_DEDUP);
    assertThat(s.generationId()).isEqualTo(3L);
    assertThat(s.minimumGenerationId()).isEqualTo(2L);
    assertThat(s.syncId()).isEqualTo(99L);
    assertThat(s.effectivePrimaryKey()).containsExactly(List.of("id"), List.of("org"));
    assertThat((Object) Json.parse(Json.write(catalog))).isEqualTo(Json.parse(json));
    for (DestinationSyncMode mode : DestinationSyncMode.values()) {
      String wire = Json.write(mode);
      assertThat(Json.mapper().readValue(wire, DestinationSyncMode.class)).isEqualTo(mode);
    }
  }
}
