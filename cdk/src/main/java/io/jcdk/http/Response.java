package io.jcdk.http;

import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * A response whose body is still to be read, as a {@link BodyReader} gets it.
 *
 * @param request the request as the stream built it, before the authenticator added credentials
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as it arrives; the requester closes it
 */
public record Response(Request request, int status, HttpHeaders headers, InputStream body) {}
