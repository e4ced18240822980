package io.jcdk.destination.kvdb;

import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.MessageWriter;
import io.jcdk.protocol.RawJson;
import io.jcdk.runtime.CommandContext;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code read-back --config F --catalog F}: prints what readers see of the catalog's streams (their
 * published generation) as RECORD messages, for the acceptance harness's {@code read_back} command.
 * A store or stream that was never written reads as empty.
 */
@Command(name = "read-back", description = "Print the catalog's streams as stored, as RECORD messages (for acceptance tests).")
final class ReadBackCommand extends StoreCommand {

  @Option(names = "--catalog", required = true, description = "configured catalog file")
  Path catalog;

  ReadBackCommand(KvdbDestination destination, CommandContext context) {
    super(destination, context);
  }

  @Override
  public Integer call() {
    KvdbConfig parsed = config();
    ConfiguredAirbyteCatalog streams = context.catalog(catalog);
    if (parsed.store() instanceof StoreConfig.Embedded e && !Files.exists(e.path().resolve("CURRENT"))) {
      return 0; // nothing written there yet
    }
    MessageWriter out = new MessageWriter(context.stdout());
    try (Store store = Store.open(parsed.store(), true)) {
      for (ConfiguredAirbyteStream s : streams.streams()) {
        StreamKey key = StreamKey.of(s.descriptor());
        StreamMeta meta = store.meta(key).orElse(null);
        if (meta != null && meta.current() != null) {
          store.scan(key, meta.current(), (entry, value) ->
              out.write(AirbyteMessage.of(AirbyteRecordMessage.of(s.descriptor(), RawJson.ofTrustedBytes(value), 0))));
        }
      }
    } finally {
      out.flush();
    }
    return 0;
  }
}
