package io.jcdk.destination.kvdb;

import io.jcdk.runtime.CommandContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What kvdb's own commands ({@code dump}, {@code stats}) share: {@code --config}. */
abstract class StoreCommand implements Callable<Integer> {

  private final KvdbDestination destination;
  final CommandContext context;

  @Option(names = "--config", required = true, description = "JSON config file")
  Path config;

  StoreCommand(KvdbDestination destination, CommandContext context) {
    this.destination = destination;
    this.context = context;
  }

  /** The config, loaded like {@code check} loads it (validated, secrets masked). */
  KvdbConfig config() {
    return context.config(destination, config);
  }
}
