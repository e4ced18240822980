package io.jcdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.Connector;
import io.jcdk.ConnectorException;
import io.jcdk.destination.Destination;
import io.jcdk.destination.ReadableDestination;
import io.jcdk.destination.WritePipeline;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.AirbyteStateMessage;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.MessageReader;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.InputState;
import io.jcdk.source.Source;
import io.jcdk.source.SourceRun;
import io.jcdk.spec.Secrets;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of one command: loads and validates the files, then calls the connector. */
final class Invocation {

  private final Connector<?> connector;
  private final InputStream stdin;
  private final MessageWriter out;
  private final ErrorBoundary boundary;

  Invocation(Connector<?> connector, InputStream stdin, MessageWriter out, ErrorBoundary boundary) {
    this.connector = connector;
    this.stdin = stdin;
    this.out = out;
    this.boundary = boundary;
  }

  void spec() {
    out.write(AirbyteMessage.of(connector.spec()));
  }

  void check(Path configFile) {
    check(connector, configFile);
  }

  private <C> void check(Connector<C> c, Path configFile) {
    JsonNode raw = ConfigFiles.readJson(configFile, "--config");
    AirbyteConnectionStatus status;
    try {
      status = c.check(parse(c, raw));
    } catch (RuntimeException e) {
      // What the user can fix is a FAILED status, however it was thrown (a config error of the
      // connector, or a library's error its classifier calls one); anything else is a TRACE error.
      ConnectorException classified = boundary.classify(e);
      if (classified.failureType() != FailureType.CONFIG_ERROR) {
        throw e;
      }
      status = AirbyteConnectionStatus.failed(classified.getMessage());
    }
    out.write(AirbyteMessage.of(status));
  }

  void discover(Path configFile) {
    discover((Source<?>) connector, configFile);
  }

  private <C> void discover(Source<C> source, Path configFile) {
    C config = parse(source, ConfigFiles.readJson(configFile, "--config"));
    out.write(AirbyteMessage.of(source.discover(config)));
  }

  void read(Path configFile, Path catalogFile, Path stateFile) {
    read((Source<?>) connector, configFile, catalogFile, stateFile);
  }

  private <C> void read(Source<C> source, Path configFile, Path catalogFile, Path stateFile) {
    C config = parse(source, ConfigFiles.readJson(configFile, "--config"));
    ConfiguredAirbyteCatalog catalog = catalog(catalogFile);
    InputState state = stateFile == null ? InputState.empty() : state(stateFile);
    new SourceRun(catalog, state, checkpointPolicy(source.checkpointPolicy(config)), out)
        .read(ctx -> source.read(config, ctx));
  }

  /** The source's policy, its record count replaced by {@value CheckpointPolicy#RECORDS_VARIABLE} when set. */
  private static CheckpointPolicy checkpointPolicy(CheckpointPolicy asked) {
    String records = System.getenv(CheckpointPolicy.RECORDS_VARIABLE);
    if (records == null || records.isBlank()) {
      return asked;
    }
    try {
      return new CheckpointPolicy(Long.parseLong(records.trim()), asked.every());
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config(CheckpointPolicy.RECORDS_VARIABLE + " must be a whole number of at least 1, "
          + "was '" + records + "'. Unset it or fix it.");
    }
  }

  void write(Path configFile, Path catalogFile) {
    write((Destination<?>) connector, configFile, catalogFile);
  }

  private <C> void write(Destination<C> destination, Path configFile, Path catalogFile) {
    C config = parse(destination, ConfigFiles.readJson(configFile, "--config"));
    ConfiguredAirbyteCatalog catalog = catalog(catalogFile);
    try (var loader = destination.open(config, catalog)) {
      new WritePipeline(loader, catalog, destination.bufferPolicy(config), out).run(new MessageReader(stdin));
    }
  }

  void readBack(Path configFile, Path catalogFile) {
    readBack((ReadableDestination<?>) connector, configFile, catalogFile);
  }

  private <C> void readBack(ReadableDestination<C> destination, Path configFile, Path catalogFile) {
    C config = parse(destination, ConfigFiles.readJson(configFile, "--config"));
    for (ConfiguredAirbyteStream stream : catalog(catalogFile).streams()) {
      destination.readBack(config, stream,
          data -> out.write(AirbyteMessage.of(AirbyteRecordMessage.of(stream.descriptor(), data, 0))));
    }
  }

  /** The config of a connector's own command; see {@link CommandContext#config}. */
  <C> C config(Connector<C> c, Path file) {
    return parse(c, ConfigFiles.readJson(file, "--config"));
  }

  /**
   * Installs secret masking, lets the connector rewrite compatible spellings, validates against the
   * spec, and parses into the connector's type.
   */
  private <C> C parse(Connector<C> c, JsonNode raw) {
    JsonNode connectionSpecification = c.spec().connectionSpecification();
    out.textFilter(Secrets.of(connectionSpecification, raw));
    return ConfigFiles.parse(c, connectionSpecification, c.migrateConfig(raw));
  }

  /** The catalog given with {@code --catalog}; see {@link CommandContext#catalog}. */
  ConfiguredAirbyteCatalog catalog(Path file) {
    JsonNode node = ConfigFiles.readJson(file, "--catalog");
    if (!node.path("streams").isArray()) {
      throw ConnectorException.config("The catalog file " + file + " has no 'streams' array; pass a configured catalog.");
    }
    try {
      ConfiguredAirbyteCatalog catalog = ConfiguredAirbyteCatalog.fromTree(node);
      for (int i = 0; i < catalog.streams().size(); i++) {
        var s = catalog.streams().get(i);
        if (s.stream() == null || s.stream().name() == null) {
          throw ConnectorException.config("The catalog file " + file + ": streams[" + i + "] has no stream.name.");
        }
        if (s.syncMode() == null || s.destinationSyncMode() == null) {
          throw ConnectorException.config("The catalog file " + file + ": stream '" + s.descriptor()
              + "' needs sync_mode and destination_sync_mode.");
        }
      }
      return catalog;
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config("The catalog file " + file + " is not a valid configured catalog: "
          + e.getMessage() + ".", e);
    }
  }

  /** The array form, a single state message, or a bare LEGACY object. */
  private InputState state(Path file) {
    JsonNode node = ConfigFiles.readJson(file, "--state");
    try {
      if (node.isArray()) {
        List<AirbyteStateMessage> states = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          states.add(AirbyteStateMessage.fromTree(node.get(i), "[" + i + "]"));
        }
        return InputState.of(states);
      }
      if (node.isObject() && node.size() == 0) {
        return InputState.empty();
      }
      if (node.isObject() && node.has("type") && (node.has("stream") || node.has("global") || node.has("data"))) {
        return InputState.of(List.of(AirbyteStateMessage.fromTree(node, "")));
      }
      if (node.isObject()) {
        return InputState.legacy(node);
      }
      throw ConnectorException.config("The state file " + file + " must hold an array of state messages or an object.");
    } catch (IllegalArgumentException e) {
      throw ConnectorException.config("The state file " + file + " is not valid state: " + e.getMessage() + ".", e);
    }
  }

}
