package io.jcdk.destination.kvdb;

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every destination suite (spec, check, sync, overwrite, append, append_dedup, state echo and
 * durability, large batch, 10 MB records, special characters, namespaces, new fields) on
 * destination-kvdb with its embedded store, as the jar and as the image {@code jcdk/destination-kvdb:dev}
 * (built with -Pimages; run as uid 1000 on a read-only root filesystem, and started the platform's way).
 * What was stored is read back with the connector's own {@code read-back} command, the way
 * {@code ./jcdk test} does it.
 */
class DestinationKvdbAcceptanceIT {

  @TempDir
  static Path dataDir;

  @TestFactory
  Stream<DynamicNode> acceptance() throws IOException {
    // The image runs as uid 1000, as the platform runs connectors: its store's directory must let it write.
    Path imageDataDir = Files.createDirectories(dataDir.resolve("image"));
    Files.setPosixFilePermissions(imageDataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("DATA_DIR", dataDir.toString())
        .jar(Path.of("target/destination-kvdb.jar"))
        .builtImage()
        .tests();
  }
}
