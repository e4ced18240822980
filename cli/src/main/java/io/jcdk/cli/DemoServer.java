package io.jcdk.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The PostgreSQL server the demo uses: an embedded one it starts and throws away, or the user's,
 * given as {@code --pg-url postgresql://user:password@host:port/database?sslmode=require} (the form
 * psql takes; {@code jdbc:postgresql://…} works too, and a missing password is read from
 * {@code PGPASSWORD}).
 */
final class DemoServer implements AutoCloseable {

  private final EmbeddedPostgres embedded;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  private DemoServer(EmbeddedPostgres embedded, String host, int port, String database, String user, String password,
      Map<String, String> parameters) {
    this.embedded = embedded;
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = parameters;
  }

  /** Starts an embedded server configured the way CDC needs: {@code wal_level = logical}. */
  static DemoServer embedded() throws IOException {
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
    return new DemoServer(pg, "localhost", pg.getPort(), "postgres", "postgres", null, Map.of("sslmode", "disable"));
  }

  /** The server of a URL; throws {@link IllegalArgumentException} saying what is wrong with it. */
  static DemoServer parse(String url, String environmentPassword) {
    String text = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--pg-url is not a URL (" + e.getReason() + "); write it as"
          + " postgresql://user:password@host:5432/database");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--pg-url must start with postgresql://, e.g."
          + " postgresql://user:password@host:5432/database");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("--pg-url names no host; write it as postgresql://user:password@host:5432/database");
    }
    String user = null;
    String password = environmentPassword;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) {
        password = decode(parts[1]);
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv[0].equals("user")) {
          user = decode(kv[1]);
        } else if (kv[0].equals("password")) {
          password = decode(kv[1]);
        } else if (!kv[0].isEmpty()) {
          parameters.put(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
        }
      }
    }
    if (user == null) {
      throw new IllegalArgumentException("--pg-url names no user; write it as postgresql://user:password@host:5432/database");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new DemoServer(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
        path.isEmpty() ? user : path, user, password, parameters);
  }

  boolean isEmbedded() {
    return embedded != null;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String database() {
    return database;
  }

  String user() {
    return user;
  }

  /** {@code sslmode} of the URL, if it gave one. */
  String sslMode() {
    return parameters.get("sslmode");
  }

  /** The URL's other parameters, as the connector's {@code jdbc_url_params} takes them. */
  String otherParameters() {
    return parameters.entrySet().stream().filter(e -> !e.getKey().equals("sslmode"))
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
  }

  /** As the user of the URL (the embedded server's superuser). */
  Connection connect() throws SQLException {
    return connectAs(user, password);
  }

  Connection connectAs(String role, String rolePassword) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(parameters);
    properties.setProperty("user", role);
    if (rolePassword != null) {
      properties.setProperty("password", rolePassword);
    }
    properties.setProperty("ApplicationName", "jcdk demo");
    return DriverManager.getConnection("jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database, properties);
  }

  private String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
