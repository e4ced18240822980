package io.jcdk.acceptance.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the connector's image with {@code docker run --rm -i}: the files are mounted read-only at
 * {@value #MOUNT}, and the container shares the host's network so it reaches a database on
 * loopback exactly as the process form does.
 *
 * <p>The docker CLI is used rather than Testcontainers because stdin must stream and end: a
 * destination reads until end of input, and an attached stdin through the engine API never closes.
 */
public final class DockerRunner implements ConnectorRunner {

  static final String MOUNT = "/jcdk/input";

  /** Every container this JVM starts is named with this prefix, so its own can be told from others on a shared engine. */
  private static final String NAME_PREFIX = "jcdk-acceptance-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  /** Containers still running when the JVM exits (a test killed mid-run) are removed then. */
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(DockerRunner::remove), "docker-cleanup"));
  }

  /** The user the Airbyte platform runs connectors as (its rootless security context). */
  static final String PLATFORM_USER = "1000:1000";

  /** The platform's working directory for a connector, an in-memory volume: the only place it may write. */
  static final String PLATFORM_WORK_DIR = "/config";

  private final String image;
  private final Map<String, String> environment;
  private final List<String> dockerOptions;
  private final boolean platformLaunch;

  /**
   * @param environment passed into the container with {@code -e}
   * @param dockerOptions more {@code docker run} options, e.g. {@code -v /data:/data} for a
   *     destination that stores into a directory the harness reads back
   */
  public DockerRunner(String image, Map<String, String> environment, List<String> dockerOptions) {
    this(image, environment, dockerOptions, false);
  }

  private DockerRunner(String image, Map<String, String> environment, List<String> dockerOptions,
      boolean platformLaunch) {
    this.image = image;
    this.environment = Map.copyOf(environment);
    this.dockerOptions = List.copyOf(dockerOptions);
    this.platformLaunch = platformLaunch;
  }

  public static DockerRunner of(String image) {
    return new DockerRunner(image, Map.of(), List.of());
  }

  public DockerRunner withEnvironment(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(env);
    return new DockerRunner(image, merged, dockerOptions, platformLaunch);
  }

  /**
   * The same image started the way the Airbyte platform starts a connector (its workload launcher):
   * the entrypoint replaced by {@code sh -c} with a script that evals {@code "$AIRBYTE_ENTRYPOINT
   * <command>"}, stdout redirected to a file in the working directory and read back from it, as uid
   * 1000, with a read-only root filesystem. The platform mounts an in-memory volume as the working
   * directory ({@value #PLATFORM_WORK_DIR}) and nothing on /tmp, so nothing else is writable.
   */
  public DockerRunner platformLaunch() {
    return new DockerRunner(image, environment, dockerOptions, true);
  }

  public String image() {
    return image;
  }

  /** The prefix of the names of the containers this JVM starts ({@code docker ps --filter name=<prefix>}). */
  public static String containerNamePrefix() {
    return NAME_PREFIX;
  }

  @Override
  public String kind() {
    return "docker";
  }

  @Override
  public String description() {
    return platformLaunch ? "sh -c 'eval \"$AIRBYTE_ENTRYPOINT ...\"' in " + image + " as uid 1000, read-only"
        : "docker run " + image;
  }

  @Override
  public Launch prepare(Invocation invocation, Path fileDir) {
    String name = NAME_PREFIX + UUID.randomUUID().toString().substring(0, 12);
    List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "-i", "--network", "host",
        "--name", name, "-v", fileDir + ":" + MOUNT + ":ro"));
    invocation.environmentWith(environment).forEach((k, v) -> {
      argv.add("-e");
      argv.add(k + "=" + v);
    });
    List<String> arguments = invocation.arguments(ConnectorRunner.filePaths(invocation, MOUNT));
    if (platformLaunch) {
      // World-writable like a Kubernetes emptyDir; the script changes into it (docker's --workdir would
      // reset the mount's mode to root's 755).
      argv.addAll(List.of("--read-only", "--user", PLATFORM_USER, "--tmpfs", PLATFORM_WORK_DIR + ":rw,mode=1777",
          "--entrypoint", "sh"));
      argv.add(image);
      argv.addAll(List.of("-c", platformScript(arguments)));
    } else {
      argv.addAll(dockerOptions);
      argv.add(image);
      argv.addAll(arguments);
    }
    LIVE.add(name);
    return new Launch(argv, Map.of(), null, () -> remove(name), () -> LIVE.remove(name));
  }

  /**
   * What the platform's connector pod runs: fail without AIRBYTE_ENTRYPOINT, eval it with the
   * command's arguments, output to files in the working directory, then print them back (stderr
   * to stderr) and exit with the connector's code.
   */
  static String platformScript(List<String> arguments) {
    StringBuilder command = new StringBuilder("$AIRBYTE_ENTRYPOINT");
    // Each argument single-quoted (a quote inside closed, escaped, reopened): eval sees it as one word.
    arguments.forEach(a -> command.append(" '").append(a.replace("'", "'\\''")).append('\''));
    return String.join("\n",
        "cd " + PLATFORM_WORK_DIR,
        "if [ -z \"$AIRBYTE_ENTRYPOINT\" ]; then",
        "  echo 'AIRBYTE_ENTRYPOINT is not set: the platform cannot start this image' >&2",
        "  exit 127",
        "fi",
        "eval \"" + command + "\" > " + PLATFORM_WORK_DIR + "/jobOutput.json 2> " + PLATFORM_WORK_DIR + "/stderr.log",
        "code=$?",
        "cat " + PLATFORM_WORK_DIR + "/stderr.log >&2",
        "cat " + PLATFORM_WORK_DIR + "/jobOutput.json",
        "exit $code");
  }

  /** Kills and removes a container; it may already be gone, which is fine. */
  private static void remove(String name) {
    try {
      Process p = new ProcessBuilder("docker", "rm", "-f", name).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Best effort: the container was started with --rm and goes away with its process.
    }
  }
}
