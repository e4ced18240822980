package io.jcdk.acceptance.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data archive for a connector jar that is started many times (every check of the suites is
 * a JVM of its own): recorded once from one start of the jar, then mapped by every later start
 * instead of loading and linking its classes again, a third of the CPU of a {@code spec} or {@code
 * check} (docs/performance.md). The images make theirs at build time the same way.
 *
 * <p>The archive lies beside the jar ({@code <jar>.jsa}) and is recorded again when the jar is newer.
 * Nothing here can fail a run: when the archive cannot be recorded, the jar starts without one.
 */
public final class ClassDataArchive {

  /** The JVM's warnings (one: it cannot use the archive) go to stderr, never into the protocol stream. */
  private static final List<String> WARNINGS_TO_STDERR = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");
  private static final long RECORDING_SECONDS = 120;

  private ClassDataArchive() {}

  /**
   * The flags that start {@code jar} with {@code java} on its archive, recording the archive first if
   * it is missing or older than the jar; none if it cannot be recorded.
   */
  public static List<String> flags(Path java, Path jar) {
    Path archive = jar.resolveSibling(jar.getFileName() + ".jsa");
    try {
      if (!Files.exists(archive) || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
        record(java, jar, archive);
      }
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    if (!Files.exists(archive)) {
      return List.of();
    }
    return withWarningsToStderr("-XX:SharedArchiveFile=" + archive);
  }

  static boolean isFlag(String arg) {
    return arg.startsWith("-XX:SharedArchiveFile=") || WARNINGS_TO_STDERR.contains(arg);
  }

  private static List<String> withWarningsToStderr(String archiveFlag) {
    List<String> flags = new ArrayList<>(List.of(archiveFlag));
    flags.addAll(WARNINGS_TO_STDERR);
    return flags;
  }

  /**
   * One start of the jar: {@code check} of the config {@code []}, which no connector's spec accepts, so
   * it loads the runtime, the spec, the validator and the message writer and touches no network.
   * Recorded under a name of its own and moved into place, so concurrent builds never see half an archive.
   */
  private static void record(Path java, Path jar, Path archive) throws IOException, InterruptedException {
    Path config = Files.createTempFile("jcdk-class-data", ".json");
    Path recording = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".recording");
    try {
      Files.writeString(config, "[]");
      Files.delete(recording);
      List<String> argv = new ArrayList<>(List.of(java.toString()));
      argv.addAll(withWarningsToStderr("-XX:ArchiveClassesAtExit=" + recording));
      argv.addAll(List.of("-jar", jar.toString(), "check", "--config", config.toString()));
      Process p = new ProcessBuilder(argv)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(RECORDING_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return;
      }
      // Whatever the exit status (a connector not built on jcdk may reject the config otherwise), what
      // it loaded is recorded.
      if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
        Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(recording);
      Files.deleteIfExists(config);
    }
  }
}
