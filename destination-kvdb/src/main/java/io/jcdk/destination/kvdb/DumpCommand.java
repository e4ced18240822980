package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.CommandContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dump --config F --stream S [--namespace N] [--staging]}: prints a stream's entries as JSON
 * lines {@code {"key":…,"value":…}} so people can see what landed. Append entries come in arrival
 * order with their position as key; keyed entries with their primary key (a JSON array).
 */
@Command(name = "dump", description = "Print a stream's stored entries as JSON lines {\"key\":...,\"value\":...}.")
final class DumpCommand extends StoreCommand {

  private static final byte[] KEY = KeyLayout.bytes("{\"key\":");
  private static final byte[] VALUE = KeyLayout.bytes(",\"value\":");
  private static final byte[] END = KeyLayout.bytes("}\n");

  @Option(names = "--stream", required = true, description = "stream name")
  String stream;

  @Option(names = "--namespace", description = "stream namespace (omit for streams without one)")
  String namespace;

  @Option(names = "--staging", description = "print the unpublished data of an overwrite in progress instead")
  boolean staging;

  DumpCommand(KvdbDestination destination, CommandContext context) {
    super(destination, context);
  }

  @Override
  public Integer call() {
    KvdbConfig parsed = config();
    try (Store store = Store.open(parsed.store(), true)) {
      StreamKey key = StreamKey.of(namespace, stream);
      StreamMeta meta = store.meta(key).orElseThrow(() -> ConnectorException.config("There is no stream '"
          + key + "' in " + store.describe() + ". Streams there: "
          + store.streams().stream().map(m -> m.key().toString()).toList()
          + (namespace == null ? " (use --namespace for a stream with a namespace)." : ".")));
      Generation generation = staging ? meta.staging() : meta.current();
      if (generation == null) {
        throw ConnectorException.config(staging
            ? "Stream '" + key + "' has no overwrite in progress; drop --staging to see its data."
            : "Stream '" + key + "' has no published data yet; an overwrite is in progress (--staging shows it).");
      }
      BufferedOutputStream out = new BufferedOutputStream(context.stdout(), 1 << 16);
      store.scan(key, generation, (entryKey, value) -> line(out, entryKey, value));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdout", e);
    }
    return 0;
  }

  private static void line(OutputStream out, byte[] key, byte[] value) {
    try {
      out.write(KEY);
      out.write(key);
      out.write(VALUE);
      out.write(oneLine(value));
      out.write(END);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdout", e);
    }
  }

  /** Values are stored as received, which for JSON is one line already; re-encode the rare other case. */
  private static byte[] oneLine(byte[] json) {
    for (byte b : json) {
      if (b == '\n' || b == '\r') {
        try {
          return Json.mapper().writeValueAsBytes(Json.mapper().readTree(json));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return json;
  }
}
