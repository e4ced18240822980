package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What generate refuses before it runs Maven: each a message saying the rule, and exit 2, and no files. */
class GenerateCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int generate(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "generate";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--home";
    all[args.length + 2] = "..";
    return cli.execute(all);
  }

  @Test
  void refusesANameThatBreaksTheRuleWithTheRuleAndAnExample() throws IOException {
    int code = generate("source", "--name", "My Source!", "--dir", dir.resolve("p").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'My Source!' is not a valid connector name")
        .contains("lowercase letters, digits and single hyphens").contains("--name my-api");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void refusesANameThatRepeatsTheKindsPrefix() {
    assertThat(generate("source", "--name", "source-shop")).isEqualTo(2);
    assertThat(err.toString()).contains("without the 'source-' prefix").contains("--name shop makes source-shop");
  }

  @Test
  void refusesAnUnknownKindNamingTheKnownOnes() {
    assertThat(generate("sink", "--name", "shop")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown kind 'sink'").contains("source, destination or http-source");
  }

  @Test
  void refusesAGroupIdOrPackageJavaCannotUse() {
    assertThat(generate("source", "--name", "shop", "--group-id", "Com.Acme")).isEqualTo(2);
    assertThat(err.toString()).contains("'Com.Acme' is not a valid group id").contains("--group-id com.acme");

    assertThat(generate("destination", "--name", "shop", "--package", "com.acme.class")).isEqualTo(2);
    assertThat(err.toString()).contains("'com.acme.class' is not a valid Java package");
  }

  @Test
  void neverWritesIntoAnExistingDirectoryWithoutForce() throws IOException {
    Path project = Files.createDirectories(dir.resolve("source-shop"));
    Path mine = Files.writeString(project.resolve("notes.txt"), "mine");

    int code = generate("source", "--name", "shop", "--dir", project.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("already exists").contains("--force");
    assertThat(project).isDirectoryContaining(p -> p.equals(mine));
    try (var files = Files.list(project)) {
      assertThat(files).containsExactly(mine);
    }
  }

  @Test
  void requiresAName() {
    assertThat(generate("source")).isEqualTo(2);
    assertThat(err.toString()).contains("--name");
  }
}
