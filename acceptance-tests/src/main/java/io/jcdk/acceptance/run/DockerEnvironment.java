package io.jcdk.acceptance.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether container runs are possible here, and what an image declares (labels, environment,
 * entrypoint), through the docker command like the runs themselves.
 */
public final class DockerEnvironment {

  /** The one line printed (and used as skip reason) when container runs cannot happen. */
  public static final String HOW_TO_ENABLE =
      "run scripts/ensure-docker.sh (installs and starts Docker), then build the images with "
          + "docker/build-jre-image.sh and ./mvnw -Pimages,local-jre package -DskipTests";

  private static volatile Optional<String> unavailable;

  private DockerEnvironment() {}

  /** Empty when a Docker engine answers; otherwise why not, ending with how to enable it. */
  public static Optional<String> unavailableReason() {
    Optional<String> cached = unavailable;
    if (cached == null) {
      cached = probe();
      unavailable = cached;
    }
    return cached;
  }

  private static Optional<String> probe() {
    try {
      Process p = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("Docker is not answering (docker info timed out): " + HOW_TO_ENABLE);
      }
      if (p.exitValue() != 0) {
        String first = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        return Optional.of("Docker is not available (" + first + "): " + HOW_TO_ENABLE);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("Docker is not installed (no docker command): " + HOW_TO_ENABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing Docker");
    }
  }

  /** What an image declares; empty when the local engine does not have it. */
  public static Optional<ImageInfo> inspect(String image) {
    try {
      Process p = new ProcessBuilder("docker", "image", "inspect", "--format", "{{json .Config}}", image)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      JsonNode config = Json.parse(out);
      Map<String, String> labels = new LinkedHashMap<>();
      config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      List<String> env = new ArrayList<>();
      config.path("Env").forEach(e -> env.add(e.asText()));
      List<String> entrypoint = new ArrayList<>();
      config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
      return Optional.of(new ImageInfo(image, labels, environment(env), entrypoint));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run docker image inspect " + image, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Whether {@code image} can run here: a Docker engine answers and has the image. A missing image is
   * explained with the command that builds it.
   */
  public static Availability availability(String image) {
    Optional<String> docker = unavailableReason();
    if (docker.isPresent()) {
      return new Availability(image, docker.get(), false);
    }
    if (inspect(image).isEmpty()) {
      return new Availability(image, "the image " + image + " is not in the local Docker engine: " + howToBuild(image),
          true);
    }
    return new Availability(image, null, true);
  }

  /** How a jcdk connector's project builds {@code image} (or how to fetch any other). */
  static String howToBuild(String image) {
    String repository = image.contains(":") && image.lastIndexOf(':') > image.lastIndexOf('/')
        ? image.substring(0, image.lastIndexOf(':')) : image;
    String tag = repository.equals(image) ? "latest" : image.substring(repository.length() + 1);
    boolean jcdkDefault = repository.startsWith("jcdk/") && tag.equals("dev");
    return "build it in the connector's project with ./mvnw package -Pimages -DskipTests"
        + (jcdkDefault ? "" : " -Djcdk.image.repository=" + repository + " -Djcdk.image.tag=" + tag)
        + " (on a host that cannot pull the base image, run jcdk's docker/build-jre-image.sh first and add "
        + "-Plocal-jre), or fetch it with docker pull " + image;
  }

  /**
   * Whether an image can run, and if not why.
   *
   * @param problem why it cannot run, ending with what to do; null when it can
   * @param dockerAnswers false when there is no Docker engine at all (then whether the image exists
   *     is unknown)
   */
  public record Availability(String image, String problem, boolean dockerAnswers) {

    public boolean runnable() {
      return problem == null;
    }

    /**
     * Whether not running the image is a failure rather than a visible skip: when the user named the
     * image (it must exist), when Docker is required ({@code JCDK_REQUIRE_DOCKER=true}), and when
     * Docker answers but lacks the image; only an unnamed image where Docker is simply absent is
     * skipped.
     */
    public boolean failsWhenNotRunnable(boolean named, boolean required) {
      return named || required || dockerAnswers;
    }
  }

  private static Map<String, String> environment(List<String> entries) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
    }
    return env;
  }

  /** The parts of an image's config the Airbyte platform relies on. */
  public record ImageInfo(String image, Map<String, String> labels, Map<String, String> environment,
      List<String> entrypoint) {}
}
