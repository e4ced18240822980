package io.jcdk.acceptance.report;

import io.jcdk.acceptance.report.CheckResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results as JUnit XML (one testsuite per runner and group), for CI systems that display test reports. */
public final class JUnitXmlReport {

  private JUnitXmlReport() {}

  public static void write(Path file, String connector, List<CheckResult> results) throws IOException {
    Map<String, List<CheckResult>> suites = new LinkedHashMap<>();
    for (CheckResult r : results) {
      suites.computeIfAbsent(r.runner() + " / " + r.group(), k -> new java.util.ArrayList<>()).add(r);
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
        .append(escape("jcdk acceptance: " + connector)).append("\">\n");
    for (Map.Entry<String, List<CheckResult>> suite : suites.entrySet()) {
      List<CheckResult> rs = suite.getValue();
      xml.append("  <testsuite name=\"").append(escape(suite.getKey()))
          .append("\" tests=\"").append(rs.size())
          .append("\" failures=\"").append(count(rs, Status.FAILED))
          .append("\" errors=\"").append(count(rs, Status.ERROR))
          .append("\" skipped=\"").append(count(rs, Status.SKIPPED))
          .append("\" time=\"").append(seconds(rs.stream().mapToLong(r -> r.duration().toMillis()).sum()))
          .append("\">\n");
      for (CheckResult r : rs) {
        xml.append("    <testcase classname=\"").append(escape(r.runner() + "." + r.id()))
            .append("\" name=\"").append(escape(r.name()))
            .append("\" time=\"").append(seconds(r.duration().toMillis())).append("\"");
        switch (r.status()) {
          case PASSED -> xml.append("/>\n");
          case SKIPPED -> xml.append(">\n      <skipped message=\"").append(escape(r.message())).append("\"/>\n    </testcase>\n");
          case FAILED, ERROR -> {
            String tag = r.status() == Status.FAILED ? "failure" : "error";
            String first = r.message() == null ? "" : r.message().lines().findFirst().orElse("");
            xml.append(">\n      <").append(tag).append(" message=\"").append(escape(first)).append("\">")
                .append(escape(r.message())).append("</").append(tag).append(">\n    </testcase>\n");
          }
        }
      }
      xml.append("  </testsuite>\n");
    }
    xml.append("</testsuites>\n");
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, xml, StandardCharsets.UTF_8);
  }

  private static long count(List<CheckResult> rs, Status status) {
    return rs.stream().filter(r -> r.status() == status).count();
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** XML-escapes text, dropping characters XML 1.0 cannot carry (connector output may hold any). */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c > 0xFFFF) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
