package io.jcdk.runtime;

import io.jcdk.Connector;
import io.jcdk.destination.Destination;
import io.jcdk.destination.ReadableDestination;
import io.jcdk.source.Source;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command lines the Airbyte platform runs ({@code spec}, {@code check --config F}, {@code read
 * --config F --catalog F --state F}, ...), recognized without picocli: its first command line costs a
 * process about 70 ms, a third of a {@code spec}, as its classes (compiled for Java 5) cannot go into a
 * class-data archive. Anything else (help, version, a connector's own command, an unknown, repeated or
 * valueless option) is not recognized, and picocli parses it, and reports its errors, as before.
 * {@code StandardCommandTest} holds every line recognized here to picocli's parse of it.
 */
record StandardCommand(String name, Path config, Path catalog, Path state) {

  /** The standard command {@code args} (already {@link ConnectorCli#normalize normalized}) spell, or null. */
  static StandardCommand parse(String[] args, Connector<?> connector) {
    if (args.length == 0 || !offers(connector, args[0])) {
      return null;
    }
    List<String> allowed = options(args[0]);
    Map<String, Path> values = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String option = eq < 0 ? args[i] : args[i].substring(0, eq);
      String value = eq >= 0 ? args[i].substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
      if (!allowed.contains(option) || values.containsKey(option) || value == null || value.isEmpty()
          || value.startsWith("-")) {
        return null;
      }
      try {
        values.put(option, Path.of(value));
      } catch (InvalidPathException e) {
        return null;
      }
    }
    boolean complete = switch (args[0]) {
      case "spec" -> true;
      case "check", "discover" -> values.containsKey("--config");
      default -> values.containsKey("--config") && values.containsKey("--catalog");
    };
    return complete ? new StandardCommand(args[0], values.get("--config"), values.get("--catalog"),
        values.get("--state")) : null;
  }

  private static boolean offers(Connector<?> connector, String command) {
    return switch (command) {
      case "spec", "check" -> true;
      case "discover", "read" -> connector instanceof Source<?>;
      case "write" -> connector instanceof Destination<?>;
      case "read-back" -> connector instanceof ReadableDestination<?>;
      default -> false;
    };
  }

  private static List<String> options(String command) {
    return switch (command) {
      case "spec" -> List.of();
      case "check", "discover" -> List.of("--config");
      case "read" -> List.of("--config", "--catalog", "--state");
      default -> List.of("--config", "--catalog");
    };
  }

  void run(Invocation invocation) {
    switch (name) {
      case "spec" -> invocation.spec();
      case "check" -> invocation.check(config);
      case "discover" -> invocation.discover(config);
      case "read" -> invocation.read(config, catalog, state);
      case "write" -> invocation.write(config, catalog);
      default -> invocation.readBack(config, catalog);
    }
  }
}
