package io.jcdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.source.ReadContext;
import io.jcdk.source.Source;
import java.util.List;

/**
 * A source process for {@link LocalSyncIT}: stream {@code snap}, {@code records} records with a
 * state every ten, then it ends as {@code end} says: {@code finish}, {@code trace} (a config error,
 * so a TRACE error and exit 1) or {@code halt} (exit 3 on the spot, no TRACE, as a crash); it
 * prints {@code stderr}, if given, on stderr.
 */
public final class ScriptedSource implements Source<JsonNode>, AnyConfig {

  public static void main(String[] args) {
    System.exit(ConnectorCli.forSource(new ScriptedSource()).run(args));
  }

  @Override
  public AirbyteCatalog discover(JsonNode config) {
    return AirbyteCatalog.of(List.of(AirbyteStream.of(StreamDescriptor.of("snap"), Json.object(), List.of(SyncMode.FULL_REFRESH))));
  }

  @Override
  public void read(JsonNode config, ReadContext context) {
    long records = config.path("records").asLong();
    String end = config.path("end").asText("finish");
    if (config.has("stderr")) {
      System.err.println(config.get("stderr").asText());
    }
    context.readStreams((stream, prior, emitter) -> {
      long from = prior == null ? 0 : prior.path("n").asLong();
      for (long n = from + 1; n <= records; n++) {
        emitter.emit(Json.object().put("n", n));
        if (n % 10 == 0) {
          emitter.checkpoint(Json.object().put("n", n));
        }
      }
      if (end.equals("halt")) {
        System.out.flush();
        Runtime.getRuntime().halt(3);
      }
      if (end.equals("trace")) {
        throw ConnectorException.config("The table snap is gone (as a source that fails would say).");
      }
      return Json.object().put("n", records);
    });
  }
}
