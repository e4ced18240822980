package ${package};

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance suite, on the packaged connector: as a process ({@code java -jar}), and as the image
 * where a Docker engine answers and the image was built ({@code ./mvnw verify -Pimages}); otherwise the
 * image runs are one skipped test saying how to enable them (with JCDK_REQUIRE_DOCKER=true, a failure).
 * What was stored is read back with the connector's {@code read-back} command.
 */
class ${connectorClass}DestinationAcceptanceIT {

  @TestFactory
  Stream<DynamicNode> acceptanceSuites() throws IOException {
    Path data = Files.createDirectories(Path.of("target", "acceptance-data").toAbsolutePath());
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("DATA_DIR", data.toString())
        .jar(Path.of("target/${artifactId}.jar"))
        .image("jcdk/${artifactId}:dev")
        .tests();
  }
}
