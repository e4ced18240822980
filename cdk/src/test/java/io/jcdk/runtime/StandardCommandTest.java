package io.jcdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.Connector;
import io.jcdk.ErrorClassifier;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.testing.TestDestination;
import io.jcdk.testing.TestSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command lines recognized without picocli mean what picocli makes of them. */
class StandardCommandTest {

  private static final String[] WORDS = {"spec", "check", "discover", "read", "write", "read-back", "dump", "--",
      "--check", "--help", "-h", "-V", "--version", "--config", "--catalog", "--state", "--config=c.json",
      "--catalog=", "--state=s.json", "--CONFIG", "--conf", "-c", "--foo", "c.json", "/tmp/catalog.json",
      "with space.json", "-x", "", "--config=--catalog", "a\u0000b"};

  private static final String[] COMMANDS = {"spec", "check", "discover", "read", "write", "read-back", "--check", "--"};
  private static final String[] OPTIONS = {"--config", "--config", "--catalog", "--catalog", "--state", "--foo", "-c"};
  private static final String[] VALUES = {"c.json", "/tmp/catalog.json", "with space.json", "-x", "", "--config",
      "a\u0000b"};

  private static String pick(Random random, String[] words) {
    return words[random.nextInt(words.length)];
  }

  @Test
  void theLinesThePlatformRunsAreRecognized() {
    TestSource source = new TestSource();
    TestDestination destination = new TestDestination();
    assertThat(StandardCommand.parse(new String[] {"spec"}, source)).isEqualTo(new StandardCommand("spec", null,
        null, null));
    assertThat(StandardCommand.parse(new String[] {"read", "--config", "c.json", "--catalog", "k.json", "--state",
        "s.json"}, source)).isEqualTo(new StandardCommand("read", Path.of("c.json"), Path.of("k.json"),
        Path.of("s.json")));
    assertThat(StandardCommand.parse(new String[] {"write", "--catalog=k.json", "--config", "c.json"}, destination))
        .isEqualTo(new StandardCommand("write", Path.of("c.json"), Path.of("k.json"), null));
    assertThat(StandardCommand.parse(ConnectorCli.normalize(new String[] {"--", "--check", "--config", "c.json"}),
        destination)).isEqualTo(new StandardCommand("check", Path.of("c.json"), null, null));
    // Left to picocli: help, a command this connector does not have, a missing or repeated option.
    assertThat(StandardCommand.parse(new String[] {"spec", "--help"}, source)).isNull();
    assertThat(StandardCommand.parse(new String[] {"write", "--config", "c", "--catalog", "k"}, source)).isNull();
    assertThat(StandardCommand.parse(new String[] {"read", "--config", "c.json"}, source)).isNull();
    assertThat(StandardCommand.parse(new String[] {"check", "--config", "a", "--config", "b"}, source)).isNull();
  }

  @Test
  void everyLineRecognizedParsesTheSameWithPicocli() {
    Random random = new Random(5);
    int recognized = 0;
    for (int i = 0; i < 20_000; i++) {
      List<String> line = new ArrayList<>(List.of(random.nextInt(8) == 0 ? pick(random, WORDS) : pick(random, COMMANDS)));
      for (int item = random.nextInt(5); item > 0; item--) {
        switch (random.nextInt(8)) {
          case 0 -> line.add(pick(random, WORDS));
          case 1 -> line.add(pick(random, OPTIONS) + "=" + pick(random, VALUES));
          default -> line.addAll(List.of(pick(random, OPTIONS), pick(random, VALUES)));
        }
      }
      String[] args = line.toArray(String[]::new);
      for (Connector<?> connector : List.of(new TestSource(), new TestDestination())) {
        StandardCommand fast = StandardCommand.parse(ConnectorCli.normalize(args), connector);
        if (fast != null) {
          recognized++;
          assertThat(fast).as(String.join(" ", args)).isEqualTo(picocli(connector, args));
        }
      }
    }
    assertThat(recognized).as("lines recognized without picocli").isGreaterThan(1_000);
  }

  /** What picocli's model of the connector's commands parses {@code args} into. */
  private static StandardCommand picocli(Connector<?> connector, String[] args) {
    ConnectorCli cli = connector instanceof TestSource s ? ConnectorCli.forSource(s)
        : ConnectorCli.forDestination((TestDestination) connector);
    MessageWriter out = new MessageWriter(new ByteArrayOutputStream());
    ErrorBoundary boundary = new ErrorBoundary(ErrorClassifier.none());
    CommandLine commandLine = cli.commandLine(new Invocation(connector, new ByteArrayInputStream(new byte[0]), out,
        boundary), out, boundary, new ByteArrayOutputStream());
    ParseResult parsed = commandLine.parseArgs(ConnectorCli.normalize(args));
    assertThat(parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()).isFalse();
    List<ParseResult> chain = new ArrayList<>();
    for (ParseResult r = parsed.subcommand(); r != null; r = r.subcommand()) {
      chain.add(r);
    }
    assertThat(chain).as("one command").hasSize(1);
    ParseResult command = chain.get(0);
    assertThat(command.isUsageHelpRequested()).isFalse();
    return new StandardCommand(command.commandSpec().name(), command.matchedOptionValue("--config", null),
        command.matchedOptionValue("--catalog", null), command.matchedOptionValue("--state", null));
  }
}
