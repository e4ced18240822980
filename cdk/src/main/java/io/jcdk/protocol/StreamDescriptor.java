package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.Objects;

/** Names a stream: its name and, where the source has one, its namespace. */
public record StreamDescriptor(
    String name, String namespace, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties)
    implements Comparable<StreamDescriptor> {

  public StreamDescriptor {
    additionalProperties = Props.extra(additionalProperties);
  }

  public static StreamDescriptor of(String namespace, String name) {
    return new StreamDescriptor(name, namespace, null);
  }

  public static StreamDescriptor of(String name) {
    return new StreamDescriptor(name, null, null);
  }

  /** Two descriptors are the same stream when name and namespace match; extra fields do not matter. */
  @Override
  public boolean equals(Object o) {
    return o instanceof StreamDescriptor d
        && Objects.equals(name, d.name)
        && Objects.equals(namespace, d.namespace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace);
  }

  @Override
  public int compareTo(StreamDescriptor o) {
    int c = Objects.compare(namespace, o.namespace, java.util.Comparator.nullsFirst(String::compareTo));
    return c != 0 ? c : name.compareTo(o.name);
  }

  /** {@code namespace.name}, or {@code name} without a namespace: for messages to people. */
  @JsonIgnore
  public String displayName() {
    return namespace == null ? name : namespace + "." + name;
  }

  @Override
  public String toString() {
    return displayName();
  }
}
