package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteConnectionStatus.Status;
import io.jcdk.protocol.Json;
import io.jcdk.testing.CliRun;
import io.jcdk.testing.ProtocolSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckTest {

  @TempDir Path dir;

  @Test
  void specIsAValidProtocolMessageWithTheSupportedModes() {
    CliRun run = CliRun.run(Main.cli(), "", "spec");

    assertThat(run.exitCode()).isZero();
    assertThat(run.lines()).allSatisfy(line -> assertThat(ProtocolSchema.problems(line)).isEmpty());
    assertThat(run.messages().get(run.messages().size() - 1).spec().supportedDestinationSyncModes())
        .extracting(Enum::name).containsExactly("APPEND", "APPEND_DEDUP", "OVERWRITE");
  }

  @Test
  void checkSucceedsAndCreatesTheDirectory() {
    Kvdb kvdb = Kvdb.embedded(dir);

    assertThat(status(kvdb.check()).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(kvdb.storePath().resolve("CURRENT")).exists();
  }

  @Test
  void checkFailsWhenThePathIsAFile() throws Exception {
    Files.writeString(dir.resolve("store"), "a file");
    AirbyteConnectionStatus status = status(Kvdb.embedded(dir).check());

    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).isEqualTo("store.path " + dir.resolve("store")
        + " is a file, not a directory; point store.path at a directory (it is created if missing).");
  }

  @Test
  void checkFailsWhenTheDirectoryCannotBeCreated() throws Exception {
    Files.writeString(dir.resolve("file"), "x");
    Path below = dir.resolve("file").resolve("store");
    Kvdb kvdb = Kvdb.withConfig(dir, "{\"store\":{\"path\":" + Json.write(below.toString()) + "}}");
    AirbyteConnectionStatus status = status(kvdb.check());

    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).startsWith("Cannot create the directory " + below + " (store.path): ")
        .endsWith("Choose a path where a directory can be created.");
  }

  @Test
  void checkFailsWhenTheDirectoryIsNotWritable() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root can write to any directory; run as another"
        + " user to test permissions");
    Path store = Files.createDirectory(dir.resolve("store"));
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("r-xr-xr-x"));
    AirbyteConnectionStatus status = status(Kvdb.embedded(dir).check());

    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).contains(store + " (store.path) is not writable by user");
  }

  @Test
  void checkFailsWhileAnotherProcessWritesToTheStore() {
    Kvdb kvdb = Kvdb.embedded(dir);
    Store writer = RocksStore.open(kvdb.storePath(), false);
    try {
      AirbyteConnectionStatus status = status(kvdb.check());

      assertThat(status.status()).isEqualTo(Status.FAILED);
      assertThat(status.message()).startsWith("Another process is using the store in " + kvdb.storePath());
    } finally {
      writer.close();
    }
  }

  @Test
  void aConfigWithoutStoreFailsNamingTheField() {
    AirbyteConnectionStatus status = status(Kvdb.withConfig(dir, "{}").check());

    assertThat(status.status()).isEqualTo(Status.FAILED);
    assertThat(status.message()).contains("store");
  }

  @Test
  void writeWithARedisConfigMissingTheHostIsAConfigError() {
    Kvdb kvdb = Kvdb.withConfig(dir, "{\"store\":{\"type\":\"redis\",\"port\":6379}}");
    CliRun run = kvdb.write(Lines.catalog(Lines.stream(null, "s", "append")), "");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.timeline()).containsExactly("TRACE ERROR config_error");
    assertThat(run.ofType(io.jcdk.protocol.AirbyteMessage.Type.TRACE).get(0).trace().error().message())
        .contains("store").contains("host");
  }

  private static AirbyteConnectionStatus status(CliRun run) {
    assertThat(run.exitCode()).isZero();
    return run.ofType(io.jcdk.protocol.AirbyteMessage.Type.CONNECTION_STATUS).get(0).connectionStatus();
  }
}
