package io.jcdk.cli;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * What {@code jcdk generate} makes, validated: the kind, the connector's name, and the Maven and Java
 * names derived from it ({@code my-api} → {@code source-my-api}, {@code com.example.myapi}).
 */
record NewConnector(Kind kind, String name, String groupId, String javaPackage) {

  /** A template: its archetype, and the prefix of the projects it makes. */
  enum Kind {
    SOURCE("source", "source-"),
    DESTINATION("destination", "destination-"),
    HTTP_SOURCE("http-source", "source-");

    private final String word;
    private final String prefix;

    Kind(String word, String prefix) {
      this.word = word;
      this.prefix = prefix;
    }

    String word() {
      return word;
    }

    String archetypeArtifactId() {
      return word + "-archetype";
    }

    static Kind parse(String word) {
      return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("unknown kind '" + word + "': choose source, destination or http-source"));
    }
  }

  static final String DEFAULT_GROUP_ID = "com.example";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern GROUP_ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final int MAX_NAME = 50;

  /** Validates every part; an IllegalArgumentException says which rule was broken and gives an example. */
  static NewConnector of(String kind, String name, String groupId, String javaPackage) {
    Kind k = Kind.parse(kind);
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("'" + name + "' is not a valid connector name: use lowercase letters, digits"
          + " and single hyphens, starting with a letter, at most " + MAX_NAME + " characters (for example: --name my-api)");
    }
    for (String prefix : Set.of("source-", "destination-")) {
      if (name.startsWith(prefix)) {
        throw new IllegalArgumentException("give the name without the '" + prefix + "' prefix: --name "
            + name.substring(prefix.length()) + " makes " + k.prefix + name.substring(prefix.length()));
      }
    }
    String group = groupId == null ? DEFAULT_GROUP_ID : groupId;
    if (!GROUP_ID.matcher(group).matches()) {
      throw new IllegalArgumentException("'" + group + "' is not a valid group id: lowercase words separated by dots"
          + " (for example: --group-id com.acme)");
    }
    String pkg = javaPackage == null ? group + "." + name.replace("-", "") : javaPackage;
    if (!isPackageName(pkg)) {
      throw new IllegalArgumentException("'" + pkg + "' is not a valid Java package: identifiers separated by dots,"
          + " none a Java keyword (for example: --package com.acme.myapi)");
    }
    return new NewConnector(k, name, group, pkg);
  }

  /** {@code source-my-api}: the Maven artifactId, the jar's and the image's name, the directory's default. */
  String artifactId() {
    return kind.prefix + name;
  }

  private static boolean isPackageName(String pkg) {
    return Arrays.stream(pkg.split("\\.", -1)).allMatch(part -> SourceVersion.isIdentifier(part) && !SourceVersion.isKeyword(part));
  }
}
