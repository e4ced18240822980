package io.jcdk.http;

import java.util.List;

/** A fixed header (bearer token, API key, basic), or no credentials when {@code header} is null. */
record HeaderCredential(String header, String value, List<String> fields) implements Authenticator {

  HeaderCredential {
    fields = List.copyOf(fields);
  }

  @Override
  public Request authenticate(Request request) {
    return header == null ? request : request.withHeader(header, value);
  }

  /** Never the value. */
  @Override
  public String toString() {
    return header == null ? "no credentials" : header + " from " + fields;
  }
}
