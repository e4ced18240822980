package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.ByteArrayOutputStream;
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

  /**
   * The metadata as one JSON object, written field by field as data binding writes this record
   * (nulls left out): the first value a process hands to data binding costs it 20-50 ms, and this
   * is the first a {@code write} writes. {@code StreamMetaJsonTest} holds both directions to data
   * binding's.
   */
  byte[] toJson() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (JsonGenerator g = Json.factory().createGenerator(bytes)) {
      g.writeStartObject();
      if (namespace != null) {
        g.writeStringField("namespace", namespace);
      }
      if (name != null) {
        g.writeStringField("name", name);
      }
      generation(g, "current", current);
      generation(g, "staging", staging);
      g.writeArrayFieldStart("garbage");
      for (long number : garbage) {
        g.writeNumber(number);
      }
      g.writeEndArray();
      g.writeNumberField("next_generation", nextGeneration);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void generation(JsonGenerator g, String field, Generation generation) throws IOException {
    if (generation == null) {
      return;
    }
    g.writeObjectFieldStart(field);
    g.writeNumberField("number", generation.number());
    if (generation.layout() != null) {
      g.writeStringField("layout", generation.layout().wireName());
    }
    if (generation.syncGeneration() != null) {
      g.writeNumberField("sync_generation", generation.syncGeneration());
    }
    if (generation.covered() != null) {
      g.writeNumberField("covered", generation.covered());
    }
    g.writeEndObject();
  }

  static StreamMeta fromJson(byte[] json) {
    try {
      JsonNode t = Json.mapper().readTree(json);
      if (t == null || !t.isObject()) {
        throw new IOException("not a JSON object");
      }
      List<Long> garbage = new ArrayList<>();
      for (JsonNode number : t.path("garbage")) {
        garbage.add(number.longValue());
      }
      return new StreamMeta(text(t.get("namespace")), text(t.get("name")), generation(t.get("current")),
          generation(t.get("staging")), garbage, t.path("next_generation").longValue());
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("unreadable stream metadata: " + new String(json, StandardCharsets.UTF_8),
          e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }

  private static Generation generation(JsonNode t) {
    if (t == null || t.isNull()) {
      return null;
    }
    JsonNode layout = t.get("layout");
    return new Generation(t.path("number").longValue(),
        layout == null || layout.isNull() ? null : Layout.fromWireName(layout.asText()),
        number(t.get("sync_generation")), number(t.get("covered")));
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Long number(JsonNode v) {
    return v == null || v.isNull() ? null : v.longValue();
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
