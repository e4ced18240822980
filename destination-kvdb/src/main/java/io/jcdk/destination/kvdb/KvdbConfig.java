package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.JsonNode;

/** The destination's config: where to store. Parsed once from the validated JSON. */
public record KvdbConfig(StoreConfig store) {

  public static KvdbConfig parse(JsonNode config) {
    return new KvdbConfig(StoreConfig.parse(config.path("store")));
  }
}
