package io.jcdk.destination.kvdb;

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every destination suite (spec, check, sync, overwrite, append, append_dedup, state echo and
 * durability, large batch, 10 MB records, special characters, namespaces, new fields) on
 * destination-kvdb with its embedded store, as the jar and as the image {@code jcdk/destination-kvdb:dev}.
 * What was stored is read back with the connector's own {@code read-back} command, the way
 * {@code ./jcdk test} does it.
 */
class DestinationKvdbAcceptanceIT {

  @TempDir
  static Path dataDir;

  @TestFactory
  Stream<DynamicNode> acceptance() {
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("DATA_DIR", dataDir.toString())
        .jar(Path.of("target/destination-kvdb.jar"))
        .image("jcdk/destination-kvdb:dev")
        .tests();
  }
}
