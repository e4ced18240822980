package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The {@code store} object of the config: where the entries go. */
public sealed interface StoreConfig {

  /** An embedded RocksDB in a local directory; no server needed. */
  record Embedded(Path path) implements StoreConfig {}

  /** A Redis server. */
  record Redis(String host, int port, String username, String password, boolean tls, int database)
      implements StoreConfig {

    /** Never shows the password. */
    @Override
    public String toString() {
      return "Redis[" + host + ":" + port + ", database " + database + (tls ? ", tls" : "")
          + (username == null ? "" : ", user " + username) + (password == null ? "" : ", password set") + "]";
    }
  }

  /** Parses the validated {@code store} object; {@code type} defaults to embedded. */
  static StoreConfig parse(JsonNode store) {
    String type = store.path("type").asText("embedded");
    return switch (type) {
      case "embedded" -> new Embedded(path(store.path("path").asText()));
      case "redis" -> new Redis(
          store.path("host").asText(),
          store.path("port").asInt(6379),
          text(store.path("username")),
          text(store.path("password")),
          store.path("tls").asBoolean(false),
          store.path("database").asInt(0));
      default -> throw ConnectorException.config(
          "store.type is '" + type + "'; use 'embedded' (a local directory) or 'redis'.");
    };
  }

  private static Path path(String text) {
    if (text.isBlank()) {
      throw ConnectorException.config("store.path is empty; set it to the directory the store should live in.");
    }
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw ConnectorException.config("store.path '" + text + "' is not a valid path: " + e.getReason() + ".", e);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }
}
