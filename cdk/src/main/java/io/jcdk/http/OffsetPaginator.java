package io.jcdk.http;

import java.util.Optional;

/** {@code offset} and {@code limit} query parameters; see {@link Paginator#offset}. */
record OffsetPaginator(String offsetParameter, String limitParameter, int limit) implements Paginator {

  OffsetPaginator {
    if (limit < 1) {
      throw new IllegalArgumentException("a limit must be at least 1, was " + limit);
    }
  }

  @Override
  public Request first(Request request) {
    return request.withQuery(offsetParameter, "0").withQuery(limitParameter, String.valueOf(limit));
  }

  @Override
  public Optional<Request> next(Page page) {
    if (page.records() == 0) {
      return Optional.empty();
    }
    long offset = page.request().query(offsetParameter).map(Long::parseLong).orElse(0L);
    return Optional.of(page.request().withQuery(offsetParameter, String.valueOf(offset + page.records())));
  }
}
