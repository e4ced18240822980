package io.jcdk.acceptance.run;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * Whether container runs are possible here, and what an image declares (through Testcontainers'
 * Docker client: labels, environment, entrypoint).
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

  /**
   * What an image declares; empty when the local engine does not have it. Through Testcontainers'
   * Docker client when it is configured to need no registry ({@code TESTCONTAINERS_RYUK_DISABLED=true}
   * and {@code TESTCONTAINERS_HOST_OVERRIDE} set); otherwise through {@code docker image inspect},
   * because Testcontainers would first pull its reaper and probe images.
   */
  public static Optional<ImageInfo> inspect(String image) {
    boolean offlineReady = "true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))
        && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null;
    return offlineReady ? inspectWithTestcontainers(image) : inspectWithCli(image);
  }

  private static Optional<ImageInfo> inspectWithTestcontainers(String image) {
    try {
      InspectImageResponse response = DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
      var config = response.getConfig();
      if (config == null) {
        return Optional.of(new ImageInfo(image, Map.of(), Map.of(), List.of()));
      }
      return Optional.of(new ImageInfo(image, config.getLabels() == null ? Map.of() : Map.copyOf(config.getLabels()),
          environment(config.getEnv() == null ? List.of() : Arrays.asList(config.getEnv())),
          config.getEntrypoint() == null ? List.of() : Arrays.asList(config.getEntrypoint())));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static Optional<ImageInfo> inspectWithCli(String image) {
    try {
      Process p = new ProcessBuilder("docker", "image", "inspect", "--format", "{{json .Config}}", image).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
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
