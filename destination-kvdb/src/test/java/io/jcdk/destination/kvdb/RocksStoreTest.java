package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksStoreTest {

  private static final StreamKey USERS = StreamKey.of("app", "users");
  private static final Generation APPEND = new Generation(1, Layout.APPEND, null, null);
  private static final Generation KEYED = new Generation(2, Layout.KEYED, null, null);

  @TempDir Path dir;

  @Test
  void appendedEntriesKeepArrivalOrderAcrossSessions() {
    try (Store store = RocksStore.open(dir, false)) {
      append(store, USERS, APPEND, values("a", "b"));
      store.commit();
    }
    try (Store store = RocksStore.open(dir, false)) {
      append(store, USERS, APPEND, values("c"));
      store.commit();
      assertThat(entries(store, APPEND)).containsExactly("0=a", "1=b", "2=c");
      assertThat(store.count(USERS, APPEND)).isEqualTo(3);
    }
  }

  @Test
  void positionsOrderNumericallyBeyondOneByte() {
    try (Store store = RocksStore.open(dir, false)) {
      List<byte[]> many = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        many.add(("v" + i).getBytes(StandardCharsets.UTF_8));
      }
      append(store, USERS, APPEND, many);
      List<String> seen = entries(store, APPEND);
      assertThat(seen).hasSize(300);
      assertThat(seen.get(255)).isEqualTo("255=v255");
      assertThat(seen.get(256)).isEqualTo("256=v256");
    }
  }

  @Test
  void upsertReplacesAndNullDeletes() {
    try (Store store = RocksStore.open(dir, false)) {
      store.upsert(USERS, KEYED, changes("[1]", "one", "[2]", "two"));
      store.upsert(USERS, KEYED, changes("[1]", "uno", "[2]", null));
      assertThat(entries(store, KEYED)).containsExactly("[1]=uno");
      assertThat(store.count(USERS, KEYED)).isEqualTo(1);
    }
  }

  @Test
  void dropDeletesOneGenerationOnly() {
    try (Store store = RocksStore.open(dir, false)) {
      Generation eleven = new Generation(11, Layout.APPEND, null, null);
      append(store, USERS, APPEND, values("first"));
      append(store, USERS, eleven, values("eleventh"));
      append(store, StreamKey.of("app", "users2"), APPEND, values("other stream"));
      store.drop(USERS, 1);
      assertThat(entries(store, APPEND)).isEmpty();
      assertThat(entries(store, eleven)).containsExactly("0=eleventh");
      assertThat(store.count(StreamKey.of("app", "users2"), APPEND)).isEqualTo(1);
      append(store, USERS, APPEND, values("again"));
      assertThat(entries(store, APPEND)).containsExactly("0=again");
    }
  }

  @Test
  void metadataRoundTripsAndListsEveryStream() {
    try (Store store = RocksStore.open(dir, false)) {
      StreamMeta users = StreamMeta.create(USERS).withNewCurrent(Layout.KEYED);
      StreamMeta plain = StreamMeta.create(StreamKey.of(null, "events")).withNewStaging(Layout.APPEND, 7L);
      store.putMeta(users);
      store.putMeta(plain);
      store.commit();
      assertThat(store.meta(USERS)).contains(users);
      assertThat(store.meta(StreamKey.of("app", "nothing"))).isEmpty();
      assertThat(store.streams()).containsExactlyInAnyOrder(users, plain);
    }
  }

  @Test
  void readOnlyOpenSeesCommittedDataWhileTheWriterIsOpen() {
    try (Store writer = RocksStore.open(dir, false)) {
      append(writer, USERS, APPEND, values("x"));
      writer.commit();
      try (Store reader = RocksStore.open(dir, true)) {
        assertThat(entries(reader, APPEND)).containsExactly("0=x");
      }
    }
  }

  @Test
  void aSecondWriterIsToldAnotherProcessUsesTheStore() {
    Store first = RocksStore.open(dir, false);
    try {
      assertThatThrownBy(() -> RocksStore.open(dir, false))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("Another process is using the store in " + dir)
          .extracting(e -> ((ConnectorException) e).failureType()).isEqualTo(FailureType.TRANSIENT_ERROR);
    } finally {
      first.close();
    }
  }

  @Test
  void readingAStoreThatDoesNotExistSaysNothingWasWrittenThere() {
    assertThatThrownBy(() -> RocksStore.open(dir.resolve("missing"), true))
        .hasMessageContaining("There is no store in " + dir.resolve("missing"))
        .hasMessageContaining("store.path");
  }

  @Test
  void aDirectoryWithOtherFilesIsRefused() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> RocksStore.open(dir, false))
        .hasMessageContaining("holds other files [notes.txt] but no store");
  }

  @Test
  void aStoreOfAnotherLayoutVersionIsRefused() throws Exception {
    try (Store store = RocksStore.open(dir, false)) {
      assertThat(store).isNotNull();
    }
    List<ColumnFamilyHandle> families = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
            new ColumnFamilyDescriptor("meta".getBytes(StandardCharsets.UTF_8))), families)) {
      db.put(families.get(1), KeyLayout.FORMAT_KEY, "3".getBytes(StandardCharsets.UTF_8));
      families.forEach(ColumnFamilyHandle::close);
    }
    assertThatThrownBy(() -> RocksStore.open(dir, false)).hasMessageContaining("key layout version 3");
  }

  /** Version 1 kept metadata among the entries, in the default column family only. */
  @Test
  void aStoreOfLayoutVersionOneIsRefusedForReadingAndWriting() throws Exception {
    try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(KeyLayout.FORMAT_KEY, "1".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> RocksStore.open(dir, true)).hasMessageContaining("key layout version 1");
    assertThatThrownBy(() -> RocksStore.open(dir, false)).hasMessageContaining("key layout version 1")
        .hasMessageContaining("this connector reads version 2");
  }

  @Test
  void probeLeavesNothingBehind() {
    try (Store store = RocksStore.open(dir, false)) {
      store.probe();
      assertThat(store.streams()).isEmpty();
    }
  }

  /** Adds the values as the pipeline does, one at a time, and writes them. */
  private static void append(Store store, StreamKey stream, Generation generation, List<byte[]> values) {
    Store.Appender appender = store.append(stream, generation);
    values.forEach(appender::add);
    appender.finish();
  }

  private static List<byte[]> values(String... texts) {
    List<byte[]> out = new ArrayList<>();
    for (String t : texts) {
      out.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Map<String, byte[]> changes(String... keyValues) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put(keyValues[i], keyValues[i + 1] == null ? null : keyValues[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> entries(Store store, Generation generation) {
    List<String> out = new ArrayList<>();
    store.scan(USERS, generation, (k, v) ->
        out.add(new String(k, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8)));
    return out;
  }
}
