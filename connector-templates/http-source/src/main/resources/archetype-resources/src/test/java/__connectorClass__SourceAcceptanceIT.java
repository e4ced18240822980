package ${package};

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every acceptance suite, on the packaged connector reading the example API served in this JVM: as a
 * process ({@code java -jar}), and as the image when the build makes one ({@code ./mvnw verify
 * -Pimages}; containers share the host's network), which is also started the way the Airbyte platform
 * starts it; without -Pimages the image runs are one skipped test saying how to build it.
 */
class ${connectorClass}SourceAcceptanceIT {

  private static final String TOKEN = "acceptance-token-51c0";

  private static ${connectorClass}Api api;

  @BeforeAll
  static void startApi() {
    api = ${connectorClass}Api.start(TOKEN);
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @TestFactory
  Stream<DynamicNode> acceptanceSuites() {
    return AcceptanceTestFactory.forConfig(Path.of("src/test/resources/acceptance/acceptance-test-config.yml"))
        .variable("PORT", String.valueOf(api.port()))
        .variable("TOKEN", TOKEN)
        .jar(Path.of("target/${artifactId}.jar"))
        .builtImage()
        .tests();
  }
}
