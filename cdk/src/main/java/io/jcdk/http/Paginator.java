package io.jcdk.http;

import java.util.Optional;
import java.util.Set;

/**
 * How a stream gets from one page to the next. A paginator is an immutable declaration: it derives
 * the next request from the last request and what came back, so one instance serves every read.
 *
 * <p>Whatever the paginator, a read that is about to send a request it already sent, or receives a
 * page identical to the one before, stops with an error instead of looping (an API that ignores the
 * page parameter, a cursor that does not move).
 */
public interface Paginator {

  /** The first request: {@code request} with the paginator's parameters (first page, page size). */
  default Request first(Request request) {
    return request;
  }

  /** The request for the page after {@code page}, or empty when {@code page} was the last. */
  Optional<Request> next(Page page);

  /** JSON pointers into the body whose values {@link #next} reads (see {@link Page#at}). */
  default Set<String> pointers() {
    return Set.of();
  }

  /** One request, one page. */
  static Paginator none() {
    return page -> Optional.empty();
  }

  /**
   * {@code ?page=1}, {@code ?page=2}, … until a page has no records; {@link
   * PageNumberPaginator#startAt} and {@link PageNumberPaginator#pageSize} adjust it.
   */
  static PageNumberPaginator pageNumber(String parameter) {
    return new PageNumberPaginator(parameter, 1, null, 0);
  }

  /**
   * {@code ?offset=0&limit=100}, then the offset advanced by the records received (so an API that
   * caps the limit lower loses nothing), until a page has no records.
   */
  static Paginator offset(String offsetParameter, String limitParameter, int limit) {
    return new OffsetPaginator(offsetParameter, limitParameter, limit);
  }

  /**
   * The next page's token from the body at {@code pointer} (e.g. {@code /meta/next_cursor}), sent as
   * the query parameter {@code parameter}; the last page has none (missing, null or empty).
   */
  static Paginator cursor(String pointer, String parameter) {
    return new CursorPaginator(pointer, parameter);
  }

  /** The next page's URL from the body at {@code pointer} (e.g. {@code /links/next}), absolute or relative. */
  static Paginator nextUrl(String pointer) {
    return new NextUrlPaginator(pointer);
  }

  /** The {@code Link} header's {@code rel="next"} target (RFC 8288), as GitHub and many others paginate. */
  static Paginator linkHeader() {
    return new LinkHeaderPaginator();
  }
}
