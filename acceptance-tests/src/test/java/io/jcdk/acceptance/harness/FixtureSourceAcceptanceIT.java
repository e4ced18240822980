package io.jcdk.acceptance.harness;

import io.jcdk.acceptance.junit.AcceptanceTestFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The JUnit integration exactly as a connector module uses it: one test factory, every suite of the
 * fixture source as named dynamic tests (they must all pass here).
 */
class FixtureSourceAcceptanceIT {

  @TestFactory
  Stream<DynamicNode> acceptance() {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(Suites.FAST_START));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "io.jcdk.acceptance.fixtures.FixtureSource"));
    return AcceptanceTestFactory.forConfig(Suites.SOURCE_CONFIG)
        .process(command)
        .tests();
  }
}
