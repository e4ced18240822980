package io.jcdk.http;

import io.jcdk.spec.Secret;
import java.util.List;

/** A fixed query parameter holding the key. */
record QueryCredential(String parameter, Secret key) implements Authenticator {

  @Override
  public Request authenticate(Request request) {
    return request.withQuery(parameter, key.value());
  }

  @Override
  public List<String> fields() {
    return List.of(key.field());
  }
}
