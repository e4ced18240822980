package io.jcdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/** A next-page token from the body, sent back as a query parameter; see {@link Paginator#cursor}. */
record CursorPaginator(String pointer, String parameter) implements Paginator {

  CursorPaginator {
    JsonPointers.check(pointer);
  }

  @Override
  public Optional<Request> next(Page page) {
    JsonNode token = page.at(pointer);
    if (!token.isValueNode() || token.isNull() || token.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(page.request().withQuery(parameter, token.asText()));
  }

  @Override
  public Set<String> pointers() {
    return Set.of(pointer);
  }
}
