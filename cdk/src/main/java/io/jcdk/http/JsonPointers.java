package io.jcdk.http;

import com.fasterxml.jackson.core.JsonPointer;

/** JSON pointers (RFC 6901) as the declarations give them: {@code ""} is the whole body, {@code /data/items} a path. */
final class JsonPointers {

  private JsonPointers() {}

  /** {@code pointer} if it is a valid pointer; else an error that says how to write one. */
  static String check(String pointer) {
    try {
      JsonPointer.compile(pointer);
      return pointer;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + pointer + "' is not a JSON pointer: write \"\" for the whole body"
          + " or a path like \"/data/items\" (RFC 6901)", e);
    }
  }

  /** {@code parent} extended by an object member. */
  static String member(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** {@code parent} extended by an array index. */
  static String index(String parent, int i) {
    return parent + "/" + i;
  }

  /** Whether {@code pointer} is {@code prefix} or lies inside it. */
  static boolean within(String pointer, String prefix) {
    return pointer.equals(prefix) || pointer.startsWith(prefix) && pointer.charAt(prefix.length()) == '/';
  }
}
