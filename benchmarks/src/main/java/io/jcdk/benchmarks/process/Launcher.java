package io.jcdk.benchmarks.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a user starts a connector: {@code java [flags] -jar <jar> <command>}, or {@code docker run
 * --rm -i <image> <command>} with the work directory mounted at the same path (so file arguments
 * read the same) and the host's network (so {@code localhost} is the benchmark's server).
 *
 * @param java the {@code java} binary; ignored for an image
 * @param jvmFlags flags before {@code -jar} (none by default: the user's defaults are measured); with
 *     a class-data archive, {@code -Xshare:on} is added, so that an archive the JVM refuses fails the run
 * @param jar the connector's runnable jar, or null for an image
 * @param image the image, or null for a jar
 * @param workDir mounted into the container
 */
record Launcher(String java, List<String> jvmFlags, Path jar, String image, Path workDir) {

  List<String> command(String... args) {
    List<String> argv = new ArrayList<>();
    if (image != null) {
      argv.addAll(List.of("docker", "run", "--rm", "-i", "--network", "host", "-v", workDir + ":" + workDir, image));
    } else {
      argv.add(java);
      argv.addAll(jvmFlags);
      if (jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile="))
          && jvmFlags.stream().noneMatch(f -> f.startsWith("-Xshare:"))) {
        // An archive the JVM cannot use (recorded for another path of the jar, or before the jar was
        // rebuilt) is otherwise dropped without a word, and the run measures a JVM without it.
        argv.add("-Xshare:on");
      }
      argv.addAll(List.of("-jar", jar.toString()));
    }
    argv.addAll(List.of(args));
    return argv;
  }

  String describe() {
    return image != null ? "image " + image : String.join(" ", command()).strip();
  }
}
