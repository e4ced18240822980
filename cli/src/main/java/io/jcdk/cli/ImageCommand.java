package io.jcdk.cli;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * How {@code jcdk sync} runs a connector given as a Docker image: {@code docker run --rm -i} on the
 * host's network (so {@code localhost} means the same as for a jar), as the current user (so files the
 * connector writes belong to you, and the image is run non-root, as the platform runs it), with the
 * current directory mounted at the same path as the working directory, and the directory of each
 * file it reads (configs, catalog, state) mounted read-only at the same path. Paths then mean inside
 * what they mean outside: a config's relative {@code store.path} lands in the current directory.
 */
final class ImageCommand {

  private ImageCommand() {}

  /**
   * Whether a {@code --source}/{@code --destination} value names an image rather than a command: one
   * word with a {@code /} or {@code :} (as in {@code jcdk/source-postgres:dev}) that is not a file.
   */
  static boolean looksLikeImage(String value) {
    String v = value.strip();
    return !v.isEmpty() && v.chars().noneMatch(Character::isWhitespace) && (v.contains("/") || v.contains(":"))
        && !Files.exists(Path.of(v));
  }

  /** The {@code docker run} words before the connector's own arguments. */
  static List<String> dockerRun(String image, String containerName, Path cwd, Collection<Path> files) {
    Path dir = cwd.toAbsolutePath().normalize();
    List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "-i", "--name", containerName,
        "--network", "host", "--user", user(), "-v", dir + ":" + dir, "-w", dir.toString()));
    Set<Path> readOnly = new TreeSet<>();
    for (Path file : files) {
      Path parent = dir.resolve(file).normalize().getParent();
      if (parent != null && !parent.startsWith(dir)) {
        readOnly.add(parent);
      }
    }
    // A directory inside another one already mounted needs no mount of its own.
    for (Path d : readOnly) {
      if (readOnly.stream().noneMatch(other -> !other.equals(d) && d.startsWith(other))) {
        argv.addAll(List.of("-v", d + ":" + d + ":ro"));
      }
    }
    String logLevel = System.getenv("JCDK_LOG_LEVEL");
    if (logLevel != null) {
      argv.addAll(List.of("-e", "JCDK_LOG_LEVEL=" + logLevel));
    }
    argv.add(image);
    return argv;
  }

  /** {@code uid:gid} of this process. */
  private static String user() {
    UnixSystem unix = new UnixSystem();
    return unix.getUid() + ":" + unix.getGid();
  }

  /** Kills and removes a container that may still run (a sync that stops); it may be gone, which is fine. */
  static void remove(String containerName) {
    try {
      Process p = new ProcessBuilder("docker", "rm", "-f", containerName).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // Best effort: started with --rm, the container goes away with its process.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
