package io.jcdk.http;

import io.jcdk.ConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code Link} header's next page (RFC 8288); see {@link Paginator#linkHeader}. */
record LinkHeaderPaginator() implements Paginator {

  @Override
  public Optional<Request> next(Page page) {
    Optional<String> target = next(page.headers().allValues("Link"));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(page.request().withUri(page.request().uri().resolve(target.get())));
    } catch (IllegalArgumentException e) {
      throw ConnectorException.system("The Link header of the response to " + page.request()
          + " names a next page that is not a URL: " + e.getMessage(), e);
    }
  }

  /**
   * The target of the first link whose {@code rel} holds {@code next}, from every {@code Link} field.
   *
   * <pre>
   * Link       = #link-value                     (comma-separated; the field may repeat)
   * link-value = "&lt;" URI-Reference "&gt;" *( OWS ";" OWS link-param )
   * link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
   * rel        = one or more relation types separated by spaces, case-insensitive
   * </pre>
   */
  static Optional<String> next(List<String> fields) {
    for (String field : fields) {
      for (Link link : parse(field)) {
        for (String rel : link.rel().toLowerCase(Locale.ROOT).trim().split("\\s+")) {
          if (rel.equals("next")) {
            return Optional.of(link.target());
          }
        }
      }
    }
    return Optional.empty();
  }

  private record Link(String target, String rel) {}

  private static List<Link> parse(String field) {
    List<Link> links = new ArrayList<>();
    int i = 0;
    int n = field.length();
    while (i < n) {
      int open = field.indexOf('<', i);
      if (open < 0) {
        break;
      }
      int close = field.indexOf('>', open);
      if (close < 0) {
        break;
      }
      String target = field.substring(open + 1, close).trim();
      String rel = "";
      i = close + 1;
      // Parameters until the comma that ends this link-value (commas inside quotes do not count).
      while (i < n) {
        i = skipSpaces(field, i);
        if (i >= n || field.charAt(i) == ',') {
          i++;
          break;
        }
        if (field.charAt(i) != ';') {
          i++;
          continue;
        }
        i = skipSpaces(field, i + 1);
        int nameStart = i;
        while (i < n && "=;,".indexOf(field.charAt(i)) < 0) {
          i++;
        }
        String name = field.substring(nameStart, i).trim();
        String value = "";
        i = skipSpaces(field, i);
        if (i < n && field.charAt(i) == '=') {
          i = skipSpaces(field, i + 1);
          StringBuilder v = new StringBuilder();
          if (i < n && field.charAt(i) == '"') {
            for (i++; i < n && field.charAt(i) != '"'; i++) {
              if (field.charAt(i) == '\\' && i + 1 < n) {
                i++;
              }
              v.append(field.charAt(i));
            }
            i++;
          } else {
            while (i < n && ";,".indexOf(field.charAt(i)) < 0) {
              v.append(field.charAt(i++));
            }
          }
          value = v.toString().trim();
        }
        if (name.equalsIgnoreCase("rel") && rel.isEmpty()) {
          rel = value;
        }
      }
      links.add(new Link(target, rel));
    }
    return links;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
