package io.jcdk.http;

import java.util.Optional;

/**
 * Page numbers in a query parameter. Without a page size it stops at the first page without records;
 * with one it also stops at the first page with fewer records than the size, one request sooner,
 * which is right only if the API returns exactly that many on every page but the last.
 */
public record PageNumberPaginator(String parameter, int firstPage, String sizeParameter, int size) implements Paginator {

  /** The number of the first page (some APIs count from 0). */
  public PageNumberPaginator startAt(int first) {
    return new PageNumberPaginator(parameter, first, sizeParameter, size);
  }

  /** Asks for {@code pageSize} records a page with {@code ?sizeParameter=pageSize}. */
  public PageNumberPaginator pageSize(String sizeParam, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("a page size must be at least 1, was " + pageSize);
    }
    return new PageNumberPaginator(parameter, firstPage, sizeParam, pageSize);
  }

  @Override
  public Request first(Request request) {
    Request r = request.withQuery(parameter, String.valueOf(firstPage));
    return sizeParameter == null ? r : r.withQuery(sizeParameter, String.valueOf(size));
  }

  @Override
  public Optional<Request> next(Page page) {
    if (page.records() == 0 || sizeParameter != null && page.records() < size) {
      return Optional.empty();
    }
    long current = page.request().query(parameter).map(Long::parseLong).orElse((long) firstPage);
    return Optional.of(page.request().withQuery(parameter, String.valueOf(current + 1)));
  }
}
