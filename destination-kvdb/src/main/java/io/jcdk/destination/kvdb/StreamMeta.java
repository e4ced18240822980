package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store knows about one stream, kept as one JSON value under the stream's metadata key so
 * that every change of it (publishing an overwrite above all) is a single atomic write.
 *
 * @param namespace the stream's namespace, or null
 * @param name the stream's name
 * @param current the generation readers see, or null before the first write
 * @param staging an overwrite being written, invisible to readers until published, or null
 * @param garbage generations that are no longer referenced and are being deleted; whoever opens the
 *     store next finishes deleting them, so a crash in the middle leaks nothing
 * @param nextGeneration the number the next new generation gets
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamMeta(
    String namespace,
    String name,
    Generation current,
    Generation staging,
    List<Long> garbage,
    @JsonProperty("next_generation") long nextGeneration) {

  public StreamMeta {
    garbage = garbage == null ? List.of() : List.copyOf(garbage);
  }

  static StreamMeta create(StreamKey key) {
    return new StreamMeta(key.namespace(), key.name(), null, null, List.of(), 1);
  }

  @JsonIgnore
  public StreamKey key() {
    return StreamKey.of(namespace, name);
  }

  StreamMeta withNewCurrent(Layout layout) {
    Generation g = new Generation(nextGeneration, layout, null, null);
    return new StreamMeta(namespace, name, g, staging, garbage, nextGeneration + 1);
  }

  StreamMeta withNewStaging(Layout layout, Long syncGeneration) {
    Generation g = new Generation(nextGeneration, layout, syncGeneration, layout == Layout.APPEND ? 0L : null);
    return new StreamMeta(namespace, name, current, g, garbage, nextGeneration + 1);
  }

  /** Records that the last state echoed covers the first {@code entries} entries of the staging generation. */
  StreamMeta withStagingCovered(long entries) {
    return new StreamMeta(namespace, name, current, staging.withCovered(entries), garbage, nextGeneration);
  }

  /** Drops the staging generation: it becomes garbage. */
  StreamMeta withoutStaging() {
    return new StreamMeta(namespace, name, current, null, plus(garbage, staging), nextGeneration);
  }

  /** Makes the staging generation current; the old current one becomes garbage. */
  StreamMeta publishStaging() {
    Generation published = new Generation(staging.number(), staging.layout(), staging.syncGeneration(), null);
    return new StreamMeta(namespace, name, published, null, plus(garbage, current), nextGeneration);
  }

  StreamMeta collected(long generation) {
    List<Long> rest = new ArrayList<>(garbage);
    rest.remove(Long.valueOf(generation));
    return new StreamMeta(namespace, name, current, staging, rest, nextGeneration);
  }

  byte[] toJson() {
    try {
      return Json.mapper().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static StreamMeta fromJson(byte[] json) {
    try {
      return Json.mapper().readValue(json, StreamMeta.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable stream metadata: " + new String(json, StandardCharsets.UTF_8), e);
    }
  }

  private static List<Long> plus(List<Long> list, Generation g) {
    if (g == null) {
      return list;
    }
    List<Long> out = new ArrayList<>(list);
    out.add(g.number());
    return out;
  }
}
