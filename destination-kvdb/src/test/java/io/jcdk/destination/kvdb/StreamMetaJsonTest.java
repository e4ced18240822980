package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.protocol.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream metadata is stored as data binding stores it, so stores written before and after read alike. */
class StreamMetaJsonTest {

  private static List<StreamMeta> metas() {
    StreamMeta fresh = StreamMeta.create(StreamKey.of(null, "users"));
    StreamMeta named = StreamMeta.create(StreamKey.of("sales \"eu\" ✓", "orders/2024"));
    StreamMeta current = named.withNewCurrent(Layout.KEYED);
    StreamMeta staged = current.withNewStaging(Layout.APPEND, 7L);
    return List.of(fresh, named, current, staged, staged.withStagingCovered(12_345),
        current.withNewStaging(Layout.KEYED, null), staged.withoutStaging(), staged.publishStaging(),
        staged.publishStaging().collected(1), fresh.withNewStaging(Layout.APPEND, Long.MAX_VALUE));
  }

  @Test
  void writtenAsDataBindingWritesIt() throws Exception {
    for (StreamMeta meta : metas()) {
      assertThat(new String(meta.toJson(), StandardCharsets.UTF_8)).as("%s", meta)
          .isEqualTo(Json.mapper().writeValueAsString(meta));
    }
  }

  @Test
  void readAsDataBindingReadsIt() throws Exception {
    for (StreamMeta meta : metas()) {
      byte[] stored = Json.mapper().writeValueAsBytes(meta);
      assertThat(StreamMeta.fromJson(stored)).isEqualTo(Json.mapper().readValue(stored, StreamMeta.class))
          .isEqualTo(meta);
    }
  }

  @Test
  void metadataFromBeforeAFieldExistedStillReads() {
    StreamMeta old = StreamMeta.fromJson(("{\"name\":\"users\",\"current\":{\"number\":3,\"layout\":\"append\"},"
        + "\"staging\":{\"number\":4,\"layout\":\"keyed\",\"sync_generation\":2},\"next_generation\":5,"
        + "\"a_later_field\":[1]}").getBytes(StandardCharsets.UTF_8));

    assertThat(old).isEqualTo(new StreamMeta(null, "users", new Generation(3, Layout.APPEND, null, null),
        new Generation(4, Layout.KEYED, 2L, null), List.of(), 5));
  }

  @Test
  void unreadableMetadataIsNamed() {
    assertThatThrownBy(() -> StreamMeta.fromJson("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("unreadable stream metadata: [1]");
    assertThatThrownBy(() -> StreamMeta.fromJson("{\"current\":{\"layout\":\"sideways\"}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("unreadable stream metadata");
  }
}
