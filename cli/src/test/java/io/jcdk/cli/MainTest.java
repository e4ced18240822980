package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void testHelpShowsThePlaceholderSyntaxAndTheSuiteNames() {
    String help = run("test", "--help").replaceAll("\\s+", " ");

    assertThat(help).contains("--var=NAME=VALUE").contains("value for a ${NAME} placeholder")
        .contains("image, spec, connection, discovery, basic_read, full_refresh, incremental, destination")
        .doesNotContain("null");
  }

  @Test
  void versionOptionPrintsTheKitVersionOnEveryCommand() {
    assertThat(run("--version")).startsWith("jcdk ").doesNotContain("${");
    assertThat(run("test", "-V")).isEqualTo(run("-V"));
  }
}
