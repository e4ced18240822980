package io.jcdk.http;

import java.io.IOException;

/**
 * Reads the body of a successful (2xx) response.
 *
 * <p>An {@link IOException} thrown here, other than a JSON syntax error, means the body broke off
 * (the connection was reset, the server stopped sending): the requester sends the request again
 * under its retry policy and calls the reader again with the new response. A reader that has
 * already handed records on must expect that (see {@link HttpStream}, which skips the records it
 * already emitted). A JSON syntax error is not retried: it becomes an error naming the URL and the
 * position.
 */
@FunctionalInterface
public interface BodyReader<T> {

  T read(Response response) throws IOException;
}
