package ${package};

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance suite, on the packaged connector: as a process ({@code java -jar}), and as the image
 * where a Docker engine answers and the image was built ({@code ./mvnw verify -Pimages}); otherwise the
 * image runs are one skipped test saying how to enable them (with JCDK_REQUIRE_DOCKER=true, a failure).
 */
class ${connectorClass}SourceAcceptanceIT {

  @TestFactory
  Stream<DynamicNode> acceptanceSuites() {
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .jar(Path.of("target/${artifactId}.jar"))
        .image("jcdk/${artifactId}:dev")
        .tests();
  }
}
