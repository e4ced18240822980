package io.jcdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.destination.BufferPolicy;
import io.jcdk.destination.Loader;
import io.jcdk.destination.ReadableDestination;
import io.jcdk.protocol.AirbyteConnectionStatus;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.RawJson;
import io.jcdk.spec.Specs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A destination for the kit's own tests: it keeps a journal of the loader calls ("write users 3",
 * "commit", "complete users") and can fail at the n-th commit; read-back shows the committed records.
 */
public final class TestDestination implements ReadableDestination<TestDestination.Config> {

  public record Config(String password, Integer failAtCommit, long batchBytes) {}

  public final List<String> journal = new CopyOnWriteArrayList<>();
  public final List<AirbyteRecordMessage> committed = new CopyOnWriteArrayList<>();

  @Override
  public ConnectorSpecification spec() {
    return Specs.fromResource(TestDestination.class, "/test-destination-spec.json");
  }

  @Override
  public Config parseConfig(JsonNode c) {
    return new Config(c.path("password").asText(null), c.has("fail_at_commit") ? c.get("fail_at_commit").asInt() : null,
        c.path("batch_bytes").asLong(1 << 20));
  }

  @Override
  public AirbyteConnectionStatus check(Config config) {
    return AirbyteConnectionStatus.succeeded();
  }

  @Override
  public BufferPolicy bufferPolicy(Config config) {
    return new BufferPolicy(Math.max(config.batchBytes() * 4, 1 << 20), config.batchBytes(), Duration.ofMinutes(5));
  }

  @Override
  public Loader open(Config config, ConfiguredAirbyteCatalog catalog) {
    journal.add("open");
    return new Loader() {
      private final List<AirbyteRecordMessage> pending = new CopyOnWriteArrayList<>();
      private int commits;

      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
        journal.add("write " + stream.stream().name() + " " + records.size());
        pending.addAll(records);
      }

      @Override
      public void commit() {
        commits++;
        if (config.failAtCommit() != null && commits == config.failAtCommit()) {
          throw new IllegalStateException("disk full (password " + config.password() + ")");
        }
        journal.add("commit");
        committed.addAll(pending);
        pending.clear();
      }

      @Override
      public void streamComplete(ConfiguredAirbyteStream stream) {
        journal.add("complete " + stream.stream().name());
      }

      @Override
      public void streamIncomplete(ConfiguredAirbyteStream stream) {
        journal.add("incomplete " + stream.stream().name());
      }

      @Override
      public void close() {
        journal.add("close");
      }
    };
  }

  @Override
  public void readBack(Config config, ConfiguredAirbyteStream stream, Consumer<RawJson> records) {
    committed.stream().filter(r -> r.descriptor().equals(stream.descriptor())).forEach(r -> records.accept(r.data()));
  }
}
