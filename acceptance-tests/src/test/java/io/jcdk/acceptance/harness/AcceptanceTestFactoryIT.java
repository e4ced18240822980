package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.acceptance.check.CheckFailure;
import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import io.jcdk.acceptance.run.DockerEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** What the JUnit factory makes of an image that cannot run: a named one fails, an unbuilt one is skipped. */
class AcceptanceTestFactoryIT {

  private static final String MISSING = "jcdk/acceptance-no-such-image:dev";

  @AfterEach
  void forgetTheBuildsImage() {
    System.clearProperty("jcdk.image");
    System.clearProperty("jcdk.image.skip");
  }

  private static DynamicTest onlyTest(AcceptanceTestFactory factory) {
    List<DynamicNode> nodes = factory.tests().toList();
    assertThat(nodes).singleElement().isInstanceOf(DynamicTest.class);
    return (DynamicTest) nodes.get(0);
  }

  @Test
  void namedImageThatIsNotThereIsAFailedTestWithTheCommandThatBuildsIt() {
    DynamicTest test = onlyTest(AcceptanceTestFactory.forConfig(Suites.SOURCE_CONFIG).image(MISSING));

    var failure = assertThatThrownBy(() -> test.getExecutable().execute()).isInstanceOf(CheckFailure.class);
    if (DockerEnvironment.unavailableReason().isEmpty()) {
      failure.hasMessageContaining("the image " + MISSING + " is not in the local Docker engine")
          .hasMessageContaining("./mvnw package -Pimages -DskipTests").hasMessageContaining("docker pull " + MISSING);
    } else {
      failure.hasMessageContaining("Docker is not");
    }
  }

  @Test
  void imageOfABuildWithoutTheImagesProfileIsOneSkippedTestSayingHowToBuildIt() {
    System.setProperty("jcdk.image", MISSING);
    System.setProperty("jcdk.image.skip", "true");

    DynamicTest test = onlyTest(AcceptanceTestFactory.forConfig(Suites.SOURCE_CONFIG).builtImage());

    assertThat(test.getDisplayName()).isEqualTo("docker: " + MISSING);
    assertThatThrownBy(() -> test.getExecutable().execute()).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("this build makes no image").hasMessageContaining("./mvnw verify -Pimages");
  }

  @Test
  void imageTheBuildMadeButThatIsNotThereFails() {
    System.setProperty("jcdk.image", MISSING);
    System.setProperty("jcdk.image.skip", "false");

    DynamicTest test = onlyTest(AcceptanceTestFactory.forConfig(Suites.SOURCE_CONFIG).builtImage());

    assertThatThrownBy(() -> test.getExecutable().execute()).isInstanceOf(CheckFailure.class)
        .hasMessageContaining(MISSING);
  }
}
