package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.CommandContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;

/**
 * {@code stats --config F}: one JSON line per stream with its entry count, e.g. {@code
 * {"namespace":"public","stream":"users","layout":"keyed","generation":3,"entries":1200}}, plus
 * {@code staging_generation}/{@code staging_entries} while an overwrite is unpublished.
 */
@Command(name = "stats", description = "Print each stream's entry counts as JSON lines.")
final class StatsCommand extends StoreCommand {

  StatsCommand(KvdbDestination destination, CommandContext context) {
    super(destination, context);
  }

  @Override
  public Integer call() {
    KvdbConfig parsed = config();
    try (Store store = Store.open(parsed.store(), true)) {
      BufferedOutputStream out = new BufferedOutputStream(context.stdout());
      for (StreamMeta meta : store.streams()) {
        ObjectNode line = Json.object();
        if (meta.namespace() != null) {
          line.put("namespace", meta.namespace());
        }
        line.put("stream", meta.name());
        if (meta.current() != null) {
          line.put("layout", meta.current().layout().wireName());
          line.put("generation", meta.current().number());
          line.put("entries", store.count(meta.key(), meta.current()));
        } else {
          line.put("entries", 0);
        }
        if (meta.staging() != null) {
          line.put("staging_generation", meta.staging().number());
          line.put("staging_entries", store.count(meta.key(), meta.staging()));
        }
        out.write(Json.mapper().writeValueAsBytes(line));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdout", e);
    }
    return 0;
  }
}
