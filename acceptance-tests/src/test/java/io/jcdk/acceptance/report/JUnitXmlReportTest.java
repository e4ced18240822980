package io.jcdk.acceptance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.report.CheckResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlReportTest {

  @TempDir
  Path dir;

  @Test
  void writesParseableXmlWithCountsAndMessages() throws Exception {
    Path file = dir.resolve("out/junit.xml");
    JUnitXmlReport.write(file, "jcdk/source-x:dev", List.of(
        new CheckResult("process", "spec", "spec.single_spec_message", "one SPEC", Status.PASSED, null, Duration.ZERO),
        new CheckResult("process", "spec", "spec.matches_expected", "equals <file>", Status.FAILED,
            "differs: \"a\" & \u0001b\nsecond line", Duration.ofMillis(1500)),
        new CheckResult("process", "spec", "spec.backward_compatible", "compat", Status.SKIPPED, "no previous spec",
            Duration.ZERO)));

    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).isEqualTo("differs: \"a\" & b\nsecond line");
    assertThat(Files.readString(file)).contains("classname=\"process.spec.matches_expected\"");
  }
}
