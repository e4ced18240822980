package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.run.DockerEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jcdk test} on an image that is not there: a failure (exit 1) saying how to build it, never a pass. */
class TestCommandIT {

  private static final String MISSING = "jcdk/acceptance-no-such-image:dev";

  @TempDir
  Path dir;

  @Test
  void namedImageThatIsNotThereExitsNonZeroWithTheCommandThatBuildsIt() throws Exception {
    Path config = Files.writeString(dir.resolve("acceptance-test-config.yml"), """
        test_strictness_level: low
        acceptance_tests:
          spec:
            tests:
              - config_path: config.json
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      exit = new CommandLine(new Main()).execute("test", "--config", config.toString(), "--image", MISSING,
          "--junit-xml", dir.resolve("results.xml").toString());
    } finally {
      System.setOut(original);
    }
    String report = out.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(report).isEqualTo(1);
    assertThat(report).contains("container runs impossible").contains("0 passed, 1 failed");
    if (DockerEnvironment.unavailableReason().isEmpty()) {
      assertThat(report).contains("./mvnw package -Pimages -DskipTests");
    }
    assertThat(Files.readString(dir.resolve("results.xml"))).contains("failures=\"1\"");
  }
}
