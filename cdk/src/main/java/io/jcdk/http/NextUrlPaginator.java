package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import java.util.Optional;
import java.util.Set;

/** The next page's URL from the body; see {@link Paginator#nextUrl}. */
record NextUrlPaginator(String pointer) implements Paginator {

  NextUrlPaginator {
    JsonPointers.check(pointer);
  }

  @Override
  public Optional<Request> next(Page page) {
    JsonNode url = page.at(pointer);
    if (!url.isTextual() || url.asText().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(page.request().withUri(page.request().uri().resolve(url.asText().trim())));
    } catch (IllegalArgumentException e) {
      throw ConnectorException.system("The next-page URL at " + pointer + " in the response to " + page.request()
          + " is not a URL: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> pointers() {
    return Set.of(pointer);
  }
}
