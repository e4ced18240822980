package io.jcdk.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.ConnectorSpecification;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads a connector's {@code spec.json} from its classpath. */
public final class Specs {
  private Specs() {}

  /**
   * Reads {@code resource} next to {@code anchor} (or from the classpath root when it starts with
   * '/'); the file holds a ConnectorSpecification with a {@code connectionSpecification} schema.
   */
  public static ConnectorSpecification fromResource(Class<?> anchor, String resource) {
    String name = resource.startsWith("/") ? resource : "/" + resource;
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("spec resource " + name + " is not on the classpath of " + anchor.getName());
      }
      JsonNode node = Json.mapper().readTree(in);
      if (!node.path("connectionSpecification").isObject()) {
        throw new IllegalStateException("spec resource " + name + " has no 'connectionSpecification' object");
      }
      return ConnectorSpecification.fromTree(node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spec resource " + name, e);
    }
  }
}
