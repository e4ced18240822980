package io.jcdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteCatalog;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteStateMessage.GlobalState;
import io.jcdk.protocol.AirbyteStateMessage.StreamState;
import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.Json;
import io.jcdk.runtime.ConnectorCli;
import io.jcdk.protocol.SyncMode;
import io.jcdk.source.CheckpointPolicy;
import io.jcdk.source.ReadContext;
import io.jcdk.source.Source;
import io.jcdk.spec.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A source for the kit's own tests: each stream yields {@code count} rows {"id": n}; the state is
 * the last id. {@code fail_at} makes a stream throw at that id, with the api key in the message to
 * prove masking; {@code global} reads all streams under one GLOBAL state.
 */
public class TestSource implements Source<TestSource.Config> {

  /** The source as a process, for tests of what a user sees in a shell. */
  public static void main(String[] args) {
    System.exit(ConnectorCli.forSource(new TestSource()).run(args));
  }

  public record Config(int count, String apiKey, Integer failAt, String failStream, boolean global, int checkpointEvery) {}

  @Override
  public ConnectorSpecification spec() {
    return Specs.fromResource(TestSource.class, "/test-source-spec.json");
  }

  @Override
  public Config parseConfig(JsonNode c) {
    return new Config(c.path("count").asInt(), c.path("api_key").asText(null),
        c.has("fail_at") ? c.get("fail_at").asInt() : null, c.path("fail_stream").asText(null),
        c.path("global").asBoolean(false), c.path("checkpoint_every").asInt(10_000));
  }

  @Override
  public AirbyteConnectionStatus check(Config config) {
    if ("wrong".equals(config.apiKey())) {
      return AirbyteConnectionStatus.failed("The API key was rejected; create a new key and put it in api_key.");
    }
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public AirbyteCatalog discover(Config config) {
    JsonNode schema = Json.parse("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}");
    List<AirbyteStream> streams = new ArrayList<>();
    for (String name : List.of("users", "orders")) {
      streams.add(new AirbyteStream(name, schema, List.of(SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL), true,
          List.of("id"), List.of(List.of("id")), null, true, null, null));
    }
    return AirbyteCatalog.of(streams);
  }

  @Override
  public CheckpointPolicy checkpointPolicy(Config config) {
    return new CheckpointPolicy(config.checkpointEvery(), Duration.ofHours(1));
  }

  @Override
  public void read(Config config, ReadContext context) {
    if (config.global()) {
      readGlobal(config, context);
      return;
    }
    context.readStreams((stream, prior, emitter) -> {
      int from = prior == null ? 0 : prior.path("id").asInt();
      for (int id = from + 1; id <= config.count(); id++) {
        failIfAsked(config, stream, id);
        ObjectNode row = Json.object().put("id", id);
        emitter.emit(row);
        if (emitter.checkpointDue()) {
          emitter.checkpoint(Json.object().put("id", id));
        }
      }
      return Json.object().put("id", config.count());
    });
  }

  private void readGlobal(Config config, ReadContext context) {
    context.readGlobal(context.catalog().streams(), (prior, emitter) -> {
      int from = prior == null ? 0 : prior.sharedState().path("id").asInt();
      for (int id = from + 1; id <= config.count(); id++) {
        for (ConfiguredAirbyteStream stream : context.catalog().streams()) {
          failIfAsked(config, stream, id);
          emitter.emit(stream.descriptor(), io.jcdk.protocol.RawJson.of(Json.object().put("id", id)));
        }
        if (emitter.checkpointDue()) {
          emitter.checkpoint(global(context, id));
        }
      }
      return global(context, config.count());
    });
  }

  private static GlobalState global(ReadContext context, int id) {
    List<StreamState> states = context.catalog().streams().stream()
        .map(s -> StreamState.of(s.descriptor(), Json.object().put("id", id))).toList();
    return new GlobalState(Json.object().put("id", id), states, null);
  }

  private static void failIfAsked(Config config, ConfiguredAirbyteStream stream, int id) {
    if (config.failAt() != null && id == config.failAt()
        && (config.failStream() == null || config.failStream().equals(stream.stream().name()))) {
      throw new IllegalStateException("upstream refused key " + config.apiKey() + " at id " + id,
          ConnectorException.transientError("connection reset while using " + config.apiKey(), null));
    }
  }
}
