package ${package};

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance suite, on the packaged connector: as a process ({@code java -jar}), and as the image
 * when the build makes one ({@code ./mvnw verify -Pimages}), which is also started the way the Airbyte
 * platform starts it; without -Pimages the image runs are one skipped test saying how to build it.
 */
class ${connectorClass}SourceAcceptanceIT {

  @TestFactory
  Stream<DynamicNode> acceptanceSuites() {
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .jar(Path.of("target/${artifactId}.jar"))
        .builtImage()
        .tests();
  }
}
