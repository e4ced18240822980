package io.jcdk.runtime;

import io.jcdk.Connector;
import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import io.jcdk.destination.Destination;
import io.jcdk.destination.ReadableDestination;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteTraceMessage;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.source.Source;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of a connector: {@code spec}, {@code check}, {@code discover}, {@code read} (sources)
 * and {@code write} (destinations), {@code read-back} (a {@link ReadableDestination}), plus any extra
 * commands the connector adds.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(ConnectorCli.forSource(new MySource()).run(args));
 * }
 * }</pre>
 *
 * <p>Exit 0 on success; on failure one TRACE error, then exit 1. The older flag style
 * ({@code --check --config f}) is accepted too.
 */
public final class ConnectorCli {

  private final Connector<?> connector;
  private ErrorClassifier classifier = ErrorClassifier.none();
  private final List<Function<CommandContext, Object>> extraCommands = new ArrayList<>();

  private ConnectorCli(Connector<?> connector) {
    this.connector = connector;
  }

  public static ConnectorCli forSource(Source<?> source) {
    return new ConnectorCli(source);
  }

  public static ConnectorCli forDestination(Destination<?> destination) {
    return new ConnectorCli(destination);
  }

  /** Recognizes the connector's library exceptions; see {@link ErrorClassifier}. */
  public ConnectorCli errorClassifier(ErrorClassifier errorClassifier) {
    this.classifier = errorClassifier;
    return this;
  }

  /**
   * Adds a command of the connector's own (e.g. {@code dump}): {@code command} makes its picocli
   * {@code @Command} object for each run, given a {@link CommandContext} to load the config with (so
   * its secrets are masked, as in the standard commands) and to print to. Errors it throws are
   * reported like the standard commands' (one TRACE error, exit 1).
   */
  public ConnectorCli subcommand(Function<CommandContext, Object> command) {
    extraCommands.add(command);
    return this;
  }

  /**
   * Runs with the process's stdin and stdout. {@code System.out} is pointed at stderr meanwhile, so a
   * stray print from a library cannot corrupt the protocol stream.
   */
  public int run(String[] args) {
    PrintStream originalOut = System.out;
    System.setOut(System.err);
    try {
      return run(args, System.in, new FileOutputStream(FileDescriptor.out));
    } finally {
      System.setOut(originalOut);
    }
  }

  /** Runs with the given streams: for tests and for embedding. */
  public int run(String[] args, InputStream stdin, OutputStream stdout) {
    MessageWriter out = new MessageWriter(stdout);
    ErrorBoundary boundary = new ErrorBoundary(classifier);
    Invocation invocation = new Invocation(connector, stdin, out, boundary);
    String[] normalized = normalize(args);
    StandardCommand standard = StandardCommand.parse(normalized, connector);
    CommandLine cli = standard == null ? commandLine(invocation, out, boundary, stdout) : null;
    try (AutoCloseable logs = LogBridge.install(out, logLevel())) {
      int code = standard != null ? run(standard, invocation, boundary, out) : cli.execute(normalized);
      out.flush();
      return code;
    } catch (Exception | Error e) { // picocli hands on Errors (out of memory above all): they end in a TRACE too
      boundary.report(e, out);
      return 1;
    }
  }

  /** A standard command, run as picocli runs it: its exceptions end in a TRACE, its Errors are handed on. */
  private static int run(StandardCommand command, Invocation invocation, ErrorBoundary boundary, MessageWriter out) {
    try {
      command.run(invocation);
      return 0;
    } catch (Exception e) {
      boundary.report(e, out);
      return 1;
    }
  }

  /** picocli's model of the commands, for every command line {@link StandardCommand} does not recognize. */
  CommandLine commandLine(Invocation invocation, MessageWriter out, ErrorBoundary boundary,
      OutputStream stdout) {
    String usage = usage(connector);
    CommandLine cli = new CommandLine(new Root(usage));
    Package pkg = connector.getClass().getPackage();
    String title = pkg.getImplementationTitle();
    cli.setCommandName(title != null ? title : connector.getClass().getSimpleName());
    cli.getCommandSpec().versionProvider(() -> new String[] {pkg.getImplementationVersion() != null
        ? cli.getCommandName() + " " + pkg.getImplementationVersion()
        : cli.getCommandName() + ": version unknown (run from classes, not from the connector's jar or image)"});
    cli.addSubcommand("spec", new SpecCommand(invocation));
    cli.addSubcommand("check", new CheckCommand(invocation));
    if (connector instanceof Source<?>) {
      cli.addSubcommand("discover", new DiscoverCommand(invocation));
      cli.addSubcommand("read", new ReadCommand(invocation));
    }
    if (connector instanceof Destination<?>) {
      cli.addSubcommand("write", new WriteCommand(invocation));
    }
    if (connector instanceof ReadableDestination<?>) {
      cli.addSubcommand("read-back", new ReadBackCommand(invocation));
    }
    CommandContext context = new CommandContext() {
      @Override
      public <C> C config(Connector<C> c, Path file) {
        return invocation.config(c, file);
      }

      @Override
      public ConfiguredAirbyteCatalog catalog(Path file) {
        return invocation.catalog(file);
      }

      @Override
      public OutputStream stdout() {
        return stdout;
      }
    };
    for (Function<CommandContext, Object> extra : extraCommands) {
      cli.addSubcommand(extra.apply(context));
    }
    PrintWriter err = new PrintWriter(System.err, true);
    cli.setOut(err);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      out.write(AirbyteMessage.of(AirbyteTraceMessage.ofError(AirbyteTraceMessage.Error.of(
          AirbyteTraceMessage.FailureType.CONFIG_ERROR,
          ex.getMessage() + ". Usage: " + usage, null, null))));
      out.flush();
      return 1;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boundary.report(ex, out);
      return 1;
    });
    return cli;
  }

  /** The commands of this connector, as one line for error messages: a source's, or a destination's. */
  static String usage(Connector<?> connector) {
    List<String> commands = new ArrayList<>(List.of("spec", "check --config F"));
    if (connector instanceof Source<?>) {
      commands.add("discover --config F");
      commands.add("read --config F --catalog F [--state F]");
    }
    if (connector instanceof Destination<?>) {
      commands.add("write --config F --catalog F");
    }
    if (connector instanceof ReadableDestination<?>) {
      commands.add("read-back --config F --catalog F");
    }
    return String.join(" | ", commands);
  }

  /**
   * {@code --check --config f} (an older platform style) means {@code check --config f}; a leading
   * {@code --} is dropped (Meltano's tap-airbyte-wrapper runs {@code docker run <image> -- spec}, and
   * picocli would take everything after it as positional arguments, not a command).
   */
  static String[] normalize(String[] args) {
    if (args.length > 0 && args[0].equals("--")) {
      return normalize(Arrays.copyOfRange(args, 1, args.length));
    }
    if (args.length > 0 && args[0].startsWith("--")
        && List.of("spec", "check", "discover", "read", "write").contains(args[0].substring(2))) {
      String[] copy = args.clone();
      copy[0] = args[0].substring(2);
      return copy;
    }
    return args;
  }

  private static java.util.logging.Level logLevel() {
    String level = System.getenv("JCDK_LOG_LEVEL");
    try {
      return level == null ? java.util.logging.Level.INFO : java.util.logging.Level.parse(level.toUpperCase());
    } catch (IllegalArgumentException e) {
      return java.util.logging.Level.INFO;
    }
  }

  @Command(name = "connector", description = "An Airbyte protocol connector built with jcdk. Protocol messages go to "
      + "stdout, one per line; help, version and logs to stderr.", mixinStandardHelpOptions = true)
  static final class Root implements Callable<Integer> {
    private final String usage;

    Root(String usage) {
      this.usage = usage;
    }

    @Override
    public Integer call() {
      throw ConnectorException.config("No command given. Usage: " + usage);
    }
  }

  @Command(name = "spec", description = "Print the connector's specification.")
  static final class SpecCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private final Invocation invocation;

    SpecCommand(Invocation invocation) {
      this.invocation = invocation;
    }

    @Override
    public Integer call() {
      invocation.spec();
      return 0;
    }
  }

  /** What check, discover, read and write share: the invocation and {@code --config}. */
  abstract static class ConfigCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    final Invocation invocation;

    @Option(names = "--config", required = true, description = "JSON config file")
    Path config;

    ConfigCommand(Invocation invocation) {
      this.invocation = invocation;
    }
  }

  @Command(name = "check", description = "Check that the config can connect.")
  static final class CheckCommand extends ConfigCommand {
    CheckCommand(Invocation invocation) {
      super(invocation);
    }

    @Override
    public Integer call() {
      invocation.check(config);
      return 0;
    }
  }

  @Command(name = "discover", description = "Print the streams the config can read.")
  static final class DiscoverCommand extends ConfigCommand {
    DiscoverCommand(Invocation invocation) {
      super(invocation);
    }

    @Override
    public Integer call() {
      invocation.discover(config);
      return 0;
    }
  }

  @Command(name = "read", description = "Read the configured streams.")
  static final class ReadCommand extends ConfigCommand {
    @Option(names = "--catalog", required = true, description = "configured catalog JSON file")
    Path catalog;

    @Option(names = "--state", description = "state JSON file (array of states, or a legacy object)")
    Path state;

    ReadCommand(Invocation invocation) {
      super(invocation);
    }

    @Override
    public Integer call() {
      invocation.read(config, catalog, state);
      return 0;
    }
  }

  @Command(name = "read-back", description = "Print the records stored for the catalog's streams, as RECORD messages.")
  static final class ReadBackCommand extends ConfigCommand {
    @Option(names = "--catalog", required = true, description = "configured catalog JSON file")
    Path catalog;

    ReadBackCommand(Invocation invocation) {
      super(invocation);
    }

    @Override
    public Integer call() {
      invocation.readBack(config, catalog);
      return 0;
    }
  }

  @Command(name = "write", description = "Write the messages on stdin.")
  static final class WriteCommand extends ConfigCommand {
    @Option(names = "--catalog", required = true, description = "configured catalog JSON file")
    Path catalog;

    WriteCommand(Invocation invocation) {
      super(invocation);
    }

    @Override
    public Integer call() {
      invocation.write(config, catalog);
      return 0;
    }
  }
}
