package io.jcdk.http;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * One HTTP request as a value: streams, paginators and authenticators each return a changed copy
 * ({@link #withQuery}, {@link #withHeader}), so a request can be sent again exactly as it was.
 *
 * @param method {@code GET}, {@code POST}, …
 * @param uri the full URI, query included
 * @param headers header names are case-insensitive; one value per name
 * @param body the body's bytes, or null; do not change the array
 */
public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

  public Request {
    if (method == null || uri == null) {
      throw new IllegalArgumentException("a request needs a method and a URI");
    }
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      copy.putAll(headers);
    }
    headers = Collections.unmodifiableMap(copy);
  }

  public static Request get(URI uri) {
    return new Request("GET", uri, Map.of(), null);
  }

  /** A POST of a form ({@code application/x-www-form-urlencoded}), as OAuth token endpoints take. */
  public static Request postForm(URI uri, Map<String, String> form) {
    List<String> pairs = new ArrayList<>();
    form.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
    return new Request("POST", uri, Map.of("Content-Type", "application/x-www-form-urlencoded"),
        String.join("&", pairs).getBytes(StandardCharsets.UTF_8));
  }

  /** A POST of a JSON body. */
  public static Request postJson(URI uri, String json) {
    return new Request("POST", uri, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
  }

  /** This request with the query parameter {@code name} set to {@code value}, in the place of any value it had. */
  public Request withQuery(String name, String value) {
    String set = encode(name) + "=" + encode(value);
    List<String> pairs = new ArrayList<>();
    boolean replaced = false;
    for (String pair : queryPairs()) {
      if (!decode(pair.split("=", 2)[0]).equals(name)) {
        pairs.add(pair);
      } else if (!replaced) {
        pairs.add(set);
        replaced = true;
      }
    }
    if (!replaced) {
      pairs.add(set);
    }
    return withUri(replaceQuery(uri, String.join("&", pairs)));
  }

  /** The decoded value of the query parameter {@code name}, if the URI has it. */
  public Optional<String> query(String name) {
    for (String pair : queryPairs()) {
      String[] parts = pair.split("=", 2);
      if (decode(parts[0]).equals(name)) {
        return Optional.of(parts.length > 1 ? decode(parts[1]) : "");
      }
    }
    return Optional.empty();
  }

  public Request withHeader(String name, String value) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    copy.put(name, value);
    return new Request(method, uri, copy, body);
  }

  public Request withUri(URI newUri) {
    return new Request(method, newUri, headers, body);
  }

  /** What makes two requests the same request: method, URI and body (headers carry credentials). */
  String identity() {
    if (body == null) {
      return method + " " + uri;
    }
    CRC32C crc = new CRC32C();
    crc.update(body);
    return method + " " + uri + " body:" + body.length + ":" + Long.toHexString(crc.getValue());
  }

  /** Method and URI, for messages; the URI without userinfo and with secret-looking parameters masked. */
  @Override
  public String toString() {
    return method + " " + RedactedUri.of(uri);
  }

  private List<String> queryPairs() {
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return List.of();
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : raw.split("&")) {
      if (!pair.isEmpty()) {
        pairs.add(pair);
      }
    }
    return pairs;
  }

  static URI replaceQuery(URI uri, String rawQuery) {
    String s = uri.toString();
    int fragment = s.indexOf('#');
    String beforeFragment = fragment < 0 ? s : s.substring(0, fragment);
    int question = beforeFragment.indexOf('?');
    String base = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
    return URI.create(rawQuery.isEmpty() ? base : base + "?" + rawQuery);
  }

  /** RFC 3986 percent-encoding (a space is %20, not '+', which some servers take literally). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
