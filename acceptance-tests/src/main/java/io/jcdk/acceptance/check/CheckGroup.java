package io.jcdk.acceptance.check;

import java.util.List;

/** The checks of one configured test (e.g. the first basic_read entry), run in order. */
public record CheckGroup(String suite, String name, List<Check> checks) {
  public CheckGroup {
    checks = List.copyOf(checks);
  }
}
