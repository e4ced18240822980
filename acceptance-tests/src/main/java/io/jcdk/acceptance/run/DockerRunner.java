package io.jcdk.acceptance.run;

import java.nio.file.Path;
import java.util.ArrayList;
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

  /** Containers still running when the JVM exits (a test killed mid-run) are removed then. */
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(DockerRunner::remove), "docker-cleanup"));
  }

  private final String image;
  private final Map<String, String> environment;
  private final List<String> dockerOptions;

  /**
   * @param environment passed into the container with {@code -e}
   * @param dockerOptions more {@code docker run} options, e.g. {@code -v /data:/data} for a
   *     destination that stores into a directory the harness reads back
   */
  public DockerRunner(String image, Map<String, String> environment, List<String> dockerOptions) {
    this.image = image;
    this.environment = Map.copyOf(environment);
    this.dockerOptions = List.copyOf(dockerOptions);
  }

  public static DockerRunner of(String image) {
    return new DockerRunner(image, Map.of(), List.of());
  }

  public DockerRunner withEnvironment(Map<String, String> env) {
    Map<String, String> merged = new java.util.HashMap<>(environment);
    merged.putAll(env);
    return new DockerRunner(image, merged, dockerOptions);
  }

  public String image() {
    return image;
  }

  @Override
  public String kind() {
    return "docker";
  }

  @Override
  public String description() {
    return "docker run " + image;
  }

  @Override
  public Launch prepare(Invocation invocation, Path fileDir) {
    String name = "jcdk-acceptance-" + UUID.randomUUID().toString().substring(0, 12);
    List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "-i", "--network", "host",
        "--name", name, "-v", fileDir + ":" + MOUNT + ":ro"));
    invocation.environmentWith(environment).forEach((k, v) -> {
      argv.add("-e");
      argv.add(k + "=" + v);
    });
    argv.addAll(dockerOptions);
    argv.add(image);
    argv.addAll(invocation.arguments(ConnectorRunner.filePaths(invocation, MOUNT)));
    LIVE.add(name);
    return new Launch(argv, Map.of(), null, () -> remove(name), () -> LIVE.remove(name));
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
