package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcdk.ConnectorException;
import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.protocol.DestinationSyncMode;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code write}: the kit calls these methods in the order {@link io.jcdk.destination.Destination}
 * describes, one at a time. Per sync mode:
 *
 * <ul>
 *   <li>append: records are appended to the stream's table.
 *   <li>overwrite: records go to a staging table, which replaces the table when the source says the
 *       stream is complete; until then, and if it never does, readers see the previous data.
 *   <li>append_dedup: appended, then the table keeps the last record of each primary key when the
 *       stream completes.
 * </ul>
 *
 * <p>A retry resumes from the last state this destination confirmed, so at each state it records,
 * durably, how many bytes of the file it writes that state covers; the next attempt cuts the file back
 * to that size before it writes (a new generation starts the staging over). Every record is then held
 * once, however often an attempt is killed.
 */
final class ${connectorClass}Loader implements Loader {

  private static final Set<DestinationSyncMode> SUPPORTED =
      EnumSet.of(DestinationSyncMode.APPEND, DestinationSyncMode.OVERWRITE, DestinationSyncMode.APPEND_DEDUP);

  private final ${connectorClass}Client client;
  private final Map<StreamDescriptor, Target> targets = new LinkedHashMap<>();

  /** Where one stream's records go now, and the file that records how far a confirmed state covers it. */
  private record Target(ConfiguredAirbyteStream stream, Path file, Path progress) {}

  ${connectorClass}Loader(${connectorClass}Client client, ConfiguredAirbyteCatalog catalog) {
    this.client = client;
    for (ConfiguredAirbyteStream stream : catalog.streams()) {
      if (!SUPPORTED.contains(stream.destinationSyncMode())) {
        throw ConnectorException.config("The stream '" + stream.descriptor() + "' asks for destination_sync_mode '"
            + stream.destinationSyncMode().wire() + "', which this destination does not support;"
            + " choose append, overwrite or append_dedup.");
      }
      boolean staged = stream.destinationSyncMode() == DestinationSyncMode.OVERWRITE;
      Path file = staged ? client.table(stream.descriptor(), ".staging") : client.table(stream.descriptor());
      Target target = new Target(stream, file, client.table(stream.descriptor(), ".progress"));
      resume(target, staged);
      targets.put(stream.descriptor(), target);
    }
  }

  /** Cuts the file back to what the last confirmed state covers; a staging of another generation starts over. */
  private void resume(Target target, boolean staged) {
    JsonNode progress = client.get(target.progress()).map(Json::parse).orElse(null);
    boolean same = progress != null && progress.path("file").asText().equals(target.file().getFileName().toString())
        && (!staged || Objects.equals(generation(progress), target.stream().generationId()));
    if (same && client.size(target.file()) > progress.path("bytes").asLong()) {
      client.truncate(target.file(), progress.path("bytes").asLong());
    } else if (!same && staged) {
      client.delete(target.file());
    }
  }

  @Override
  public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
    // TODO(connector): write the batch to your system (one request, one COPY, one bulk insert); durability comes at commit
    List<byte[]> lines = new ArrayList<>(records.size());
    for (AirbyteRecordMessage record : records) {
      lines.add(record.data().bytes());
    }
    client.append(targets.get(stream.descriptor()).file(), lines);
  }

  @Override
  public void commit() {
    client.sync();
  }

  /** A state: commit, then record how far it covers each of its streams, before the kit confirms it. */
  @Override
  public CompletionStage<Void> checkpoint(List<ConfiguredAirbyteStream> streams) {
    commit();
    for (ConfiguredAirbyteStream stream : streams) {
      recordProgress(targets.get(stream.descriptor()));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void streamComplete(ConfiguredAirbyteStream stream) {
    Target target = targets.get(stream.descriptor());
    Path table = client.table(stream.descriptor());
    switch (stream.destinationSyncMode()) {
      case OVERWRITE -> {
        client.replace(target.file(), table);
        client.delete(target.progress());
      }
      case APPEND_DEDUP -> {
        keepLastRecordPerKey(stream, table);
        recordProgress(target);
      }
      default -> recordProgress(target);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private void recordProgress(Target target) {
    ObjectNode progress = Json.object()
        .put("file", target.file().getFileName().toString())
        .put("bytes", client.size(target.file()));
    if (target.stream().generationId() != null) {
      progress.put("generation_id", target.stream().generationId());
    }
    client.put(target.progress(), Json.write(progress));
  }

  private void keepLastRecordPerKey(ConfiguredAirbyteStream stream, Path table) {
    List<List<String>> key = stream.effectivePrimaryKey();
    Map<List<JsonNode>, String> last = new LinkedHashMap<>();
    client.scan(table, line -> {
      JsonNode data = Json.parse(line);
      List<JsonNode> id = key.stream().map(path -> data.at("/" + String.join("/", path))).toList();
      last.remove(id);
      last.put(id, line);
    });
    Path compacted = client.table(stream.descriptor(), ".compacted");
    client.delete(compacted);
    client.append(compacted, last.values().stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());
    client.sync();
    client.replace(compacted, table);
  }

  private static Long generation(JsonNode progress) {
    return progress.has("generation_id") ? progress.get("generation_id").asLong() : null;
  }
}
