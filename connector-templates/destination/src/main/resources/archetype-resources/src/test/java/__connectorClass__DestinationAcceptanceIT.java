package ${package};

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance suite, on the packaged connector: as a process ({@code java -jar}), and as the image
 * when the build makes one ({@code ./mvnw verify -Pimages}), which is also started the way the Airbyte
 * platform starts it; without -Pimages the image runs are one skipped test saying how to build it.
 * What was stored is read back with the connector's {@code read-back} command.
 */
class ${connectorClass}DestinationAcceptanceIT {

  @TestFactory
  Stream<DynamicNode> acceptanceSuites() throws IOException {
    Path data = Files.createDirectories(Path.of("target", "acceptance-data").toAbsolutePath());
    // The image runs as uid 1000, as the platform runs connectors: its data directory must let it write.
    Path imageData = Files.createDirectories(data.resolve("image"));
    Files.setPosixFilePermissions(imageData, PosixFilePermissions.fromString("rwxrwxrwx"));
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("DATA_DIR", data.toString())
        .jar(Path.of("target/${artifactId}.jar"))
        .builtImage()
        .tests();
  }
}
