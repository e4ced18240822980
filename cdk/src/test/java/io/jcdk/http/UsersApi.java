package io.jcdk.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jcdk.protocol.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /users?updated_since=&cursor=&limit=}: users sorted by updated_at then id, where pairs
 * of users share an updated_at (so checkpoints fall inside groups of equal cursors); the body is
 * {@code {"data":[…],"next_cursor":"…"|null}}.
 */
final class UsersApi implements TestApi.Handler {

  final List<ObjectNode> users = new ArrayList<>();
  private final int pageSize;

  UsersApi(int count, int pageSize) {
    this.pageSize = pageSize;
    for (int id = 1; id <= count; id++) {
      users.add(Json.object().put("id", id).put("name", "user " + id)
          .put("updated_at", String.format("2024-03-%02dT12:00:00Z", (id + 1) / 2)));
    }
  }

  static HttpStream stream() {
    return HttpStream.of("users", "/users")
        .records("/data")
        .paginator(Paginator.cursor("/next_cursor", "cursor"))
        .cursor("updated_at", "updated_since")
        .primaryKey("id");
  }

  @Override
  public void handle(HttpExchange exchange, TestApi.Seen request) throws Exception {
    Map<String, String> q = query(request.query());
    String since = q.get("updated_since");
    List<ObjectNode> matching = users.stream()
        .filter(u -> since == null || u.get("updated_at").asText().compareTo(since) >= 0).toList();
    int from = Integer.parseInt(q.getOrDefault("cursor", "0"));
    int limit = Integer.parseInt(q.getOrDefault("limit", String.valueOf(pageSize)));
    ArrayNode data = Json.mapper().createArrayNode();
    matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size())).forEach(data::add);
    ObjectNode body = Json.object();
    body.set("data", data);
    body.put("next_cursor", from + limit < matching.size() ? String.valueOf(from + limit) : null);
    TestApi.json(exchange, body.toString());
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return q;
  }
}
