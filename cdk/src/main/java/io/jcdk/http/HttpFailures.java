package io.jcdk.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jcdk.ConnectorException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The messages and failure types of everything that can go wrong with a request. The requester is
 * the boundary where HTTP failures are classified: 401 and 403 are config errors naming the
 * credential fields; 408, 429 and 5xx after the retries, and connection failures, are transient;
 * any other status, and a body that is not JSON, is a system error with the URL (its secrets
 * masked) and the start of the body.
 */
final class HttpFailures {

  /** How much of an error body a message quotes. */
  static final int BODY_SHOWN = 500;

  private HttpFailures() {}

  static ConnectorException status(Request request, int status, String body, Authenticator authenticator) {
    String said = body.isBlank() ? "" : " The API said: " + body;
    if (status == 401) {
      return ConnectorException.config("The API refused the credentials: HTTP 401 Unauthorized from " + request
          + ". " + checkFields(authenticator) + said);
    }
    if (status == 403) {
      return ConnectorException.config("The API denied access: HTTP 403 Forbidden from " + request
          + ". The credentials are valid but lack the permission for this resource: grant it, or use credentials"
          + " that have it. " + checkFields(authenticator) + said);
    }
    return ConnectorException.system("HTTP " + status + reason(status) + " from " + request
        + (status >= 400 && status < 500 ? ": the API refused the request the connector built (a defect of the"
            + " connector, or the API changed)." : ".") + said, null);
  }

  private static String checkFields(Authenticator authenticator) {
    List<String> fields = authenticator.fields();
    if (fields.isEmpty()) {
      return "The request carried no credentials; the API needs them.";
    }
    return "Check the config field" + (fields.size() == 1 ? " " : "s ")
        + fields.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + ".";
  }

  static ConnectorException exhausted(Request request, String lastFailure, String gaveUp, Throwable cause) {
    String message = request + " failed after " + gaveUp + "; the last failure: " + lastFailure;
    if (unresolved(cause)) {
      return ConnectorException.config(message + ". The host name does not resolve: check the API's URL in the"
          + " config.", cause);
    }
    return ConnectorException.transientError(message + ". The API may be down or overloaded; the next sync may"
        + " succeed.", cause);
  }

  /**
   * A TLS failure no retry changes: a certificate that is not trusted, a server that does not speak
   * TLS on that port. A handshake cut short by the network is retried like any connection error.
   */
  static boolean tlsMisconfigured(IOException e) {
    if (!(e instanceof SSLException)) {
      return false;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SocketException || t instanceof EOFException) {
        return false;
      }
    }
    return true;
  }

  static ConnectorException tls(Request request, IOException e) {
    String plain = String.valueOf(e.getMessage()).contains("unrecognized SSL message")
        ? " (the server answered in plain text, not TLS)" : "";
    return ConnectorException.config("The TLS handshake for " + request + " failed: " + e.getMessage() + plain
        + ". Check the API's URL in the config (https on the right port), or the server's certificate.", e);
  }

  static ConnectorException malformed(Request request, String contentType, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
        + " (byte " + at.getByteOffset() + ")";
    String type = contentType == null || contentType.contains("json") ? "" : " (Content-Type: " + contentType + ")";
    return ConnectorException.system("The response to " + request + " is not valid JSON" + where + type + ": "
        + e.getOriginalMessage(), e);
  }

  /** What a failed attempt was, for the message when the retries run out. */
  static String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "timed out (" + e.getMessage() + ")";
    }
    if (unresolved(e)) {
      return "cannot resolve the host name";
    }
    // An exception without a message of its own is named by the first cause that has one.
    Throwable named = e;
    while (named.getMessage() == null && named.getCause() != null) {
      named = named.getCause();
    }
    return e.getClass().getSimpleName() + (named == e ? "" : " (" + named.getClass().getSimpleName() + ")")
        + (named.getMessage() == null ? "" : ": " + named.getMessage());
  }

  private static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  static String describe(int status, String body) {
    return "HTTP " + status + reason(status) + (body.isBlank() ? "" : ": " + body);
  }

  /** Up to {@link #BODY_SHOWN} bytes of the body, on one line; empty when it cannot be read. */
  static String bodyStart(InputStream body) {
    try {
      byte[] start = body.readNBytes(BODY_SHOWN);
      return new String(start, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    } catch (IOException e) {
      return "";
    }
  }

  static String reason(int status) {
    String r = switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
    return r.isEmpty() ? "" : " " + r;
  }
}
