/**
 * What a source that reads an HTTP API needs and should not rewrite.
 *
 * <ul>
 *   <li>{@link io.jcdk.http.HttpStream}: a stream declared in a few lines (path, records pointer,
 *       paginator, cursor and its "since" parameter), read through the source framework's states and
 *       checkpoints; {@link io.jcdk.http.HttpStreams} is a source's set of them.
 *   <li>{@link io.jcdk.http.HttpRequester}: sends requests to one API with an {@link
 *       io.jcdk.http.Authenticator}, {@link io.jcdk.http.Timeouts}, a {@link
 *       io.jcdk.http.RetryPolicy} (backoff with jitter, {@code Retry-After}) and an optional rate
 *       limit; the one place where HTTP failures become config, transient or system errors.
 *   <li>{@link io.jcdk.http.Paginator}: page number, offset, cursor, next URL, {@code Link} header.
 * </ul>
 *
 * <p>Records are streamed from the body and emitted as their own bytes; a page is never held as a
 * tree. See {@code docs/http-sources.md}.
 */
package io.jcdk.http;
