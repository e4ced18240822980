package io.jcdk.acceptance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.acceptance.run.ClassDataArchive;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of a connector jar: recorded by its first start, mapped by the later ones,
 * recorded again for a newer jar, and never in the way of a jar it cannot be made for.
 */
class ClassDataArchiveIT {

  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir
  Path dir;

  @Test
  void laterStartsMapTheArchiveTheFirstStartRecorded() throws Exception {
    Path jar = fixtureSourceJar();

    List<String> flags = ClassDataArchive.flags(JAVA, jar);

    assertThat(flags).contains("-XX:SharedArchiveFile=" + dir.resolve("source.jar.jsa"));
    assertThat(dir.resolve("source.jar.jsa")).isNotEmptyFile();
    // -Xshare:on: the JVM refuses to start unless it maps the archive.
    Run spec = run(flags, "-Xshare:on", jar);
    assertThat(spec.exit()).as(spec.stderr()).isZero();
    assertThat(spec.stdout()).startsWith("{\"type\":\"SPEC\"");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".recording"));
    }
  }

  @Test
  void aJarNewerThanItsArchiveIsRecordedAgain() throws Exception {
    Path jar = fixtureSourceJar();
    Path archive = dir.resolve("source.jar.jsa");
    ClassDataArchive.flags(JAVA, jar);
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));

    ClassDataArchive.flags(JAVA, jar);

    assertThat(Files.getLastModifiedTime(archive)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
  }

  @Test
  void aJarWhoseArchiveCannotBeRecordedStartsWithoutOne() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");

    assertThat(ClassDataArchive.flags(JAVA, notAJar)).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("broken.jar");
    }
  }

  @Test
  void aMissingJarGetsNoFlags() {
    assertThat(ClassDataArchive.flags(JAVA, dir.resolve("missing.jar"))).isEmpty();
  }

  /**
   * The fixture source as a runnable jar: its classes and this test's libraries copied beside it, named
   * by the manifest's Class-Path (an archive takes classes from jars only).
   */
  private Path fixtureSourceJar() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<String> classPath = new ArrayList<>();
    int dirs = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (Files.isDirectory(p)) {
        name = "classes-" + dirs++ + ".jar";
        FixtureImages.jar(p, lib.resolve(name));
      } else if (name.endsWith(".jar") && Files.exists(p) && !name.startsWith("surefire")) {
        Files.copy(p, lib.resolve(name));
      } else {
        continue;
      }
      classPath.add("lib/" + name);
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.jcdk.acceptance.fixtures.FixtureSource");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    Path jar = dir.resolve("source.jar");
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
    return jar;
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(List<String> flags, String extraFlag, Path jar) throws Exception {
    List<String> argv = new ArrayList<>(List.of(JAVA.toString(), extraFlag));
    argv.addAll(flags);
    argv.addAll(List.of("-jar", jar.toString(), "spec"));
    Process p = new ProcessBuilder(argv).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), stdout, stderr);
  }
}
