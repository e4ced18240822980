package io.jcdk.http;

import io.jcdk.spec.Secrets;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A URI as error messages show it: without userinfo, and with the values of query parameters whose
 * names look like credentials ({@code api_key}, {@code access_token}, {@code signature}, …) masked.
 * Values of the config's secrets are masked by the runtime anyway; this also covers a credential an
 * API echoes back in a next-page link, and encoded forms the runtime was not told about.
 */
final class RedactedUri {

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(key|token|secret|passw|signature|credential|session).*|sig|code|auth|authorization");

  private RedactedUri() {}

  static String of(URI uri) {
    String raw = uri.getRawQuery();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
    String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^[^@]*@", "");
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (raw == null || raw.isEmpty()) {
      return scheme + host + path;
    }
    List<String> shown = new ArrayList<>();
    for (String pair : raw.split("&")) {
      String[] parts = pair.split("=", 2);
      shown.add(parts.length == 2 && SECRET_NAME.matcher(Request.decode(parts[0])).matches()
          ? parts[0] + "=" + Secrets.MASK
          : pair);
    }
    return scheme + host + path + "?" + String.join("&", shown);
  }
}
