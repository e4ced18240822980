package io.jcdk.acceptance.connector;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerEnvironment.ImageInfo;
import io.jcdk.acceptance.run.DockerRunner;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The image carries what the Airbyte platform reads and runs the way the platform starts it: labels
 * {@code io.airbyte.name} (the image's repository) and {@code io.airbyte.version} (the connector's
 * version), {@code AIRBYTE_ENTRYPOINT} equal to the entrypoint, and {@code spec} works when started
 * with {@code sh -c 'eval "$AIRBYTE_ENTRYPOINT spec" > file'} as uid 1000 on a read-only root
 * filesystem. Where the entrypoint names a class-data archive, the image's JVM can use it, and says
 * on stderr when it cannot.
 */
public final class ImageSuite {

  /** MAJOR.MINOR.PATCH with an optional pre-release and build, as semantic versioning writes it. */
  private static final String SHARED_ARCHIVE = "-XX:SharedArchiveFile=";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private ImageSuite() {}

  /**
   * @param expectedVersion the version {@code io.airbyte.version} must carry (the project's), or null
   *     when unknown: then it must be a version, and equal the image's tag when that is a version
   */
  public static CheckGroup group(DockerRunner runner, String expectedVersion) {
    String image = runner.image();
    Lazy<ImageInfo> info = Lazy.of(() -> DockerEnvironment.inspect(image)
        .orElseThrow(() -> Check.fail("the image " + image + " is not in the local Docker engine")));
    return new CheckGroup("image", "image " + image, List.of(
        Check.of("image.labels", "labels io.airbyte.name and io.airbyte.version are set", () -> labels(image, info.get())),
        Check.of("image.version_label", "io.airbyte.version is the connector's version",
            () -> versionLabel(image, info.get(), expectedVersion)),
        Check.of("image.airbyte_entrypoint", "AIRBYTE_ENTRYPOINT equals the entrypoint", () -> entrypoint(info.get())),
        Check.of("image.platform_launch", "spec runs as the platform starts it: sh -c eval $AIRBYTE_ENTRYPOINT, "
            + "uid 1000, read-only", () -> platformLaunch(runner.platformLaunch())),
        Check.of("image.class_data", "the class-data archive the entrypoint names is the image's own, and a JVM "
            + "that cannot use it warns on stderr, not stdout", () -> classData(runner, info.get()))));
  }

  private static void labels(String image, ImageInfo i) {
    String name = i.labels().get("io.airbyte.name");
    String version = i.labels().get("io.airbyte.version");
    if (name == null || version == null) {
      throw Check.fail("the image lacks label(s) " + (name == null ? "io.airbyte.name " : "")
          + (version == null ? "io.airbyte.version" : "") + "; labels are " + i.labels());
    }
    String repository = repository(image);
    if (!name.equals(repository)) {
      throw Check.fail("io.airbyte.name is '" + name + "' but the image is " + repository + "; the platform "
          + "finds a connector by this label, so they must agree (a jcdk connector names its image with "
          + "-Djcdk.image.repository=" + repository + ", which sets both, not with -Djib.to.image)");
    }
  }

  private static void versionLabel(String image, ImageInfo i, String expected) {
    String version = i.labels().get("io.airbyte.version");
    if (version == null) {
      throw Check.fail("the image has no io.airbyte.version label (see image.labels)");
    }
    String why = "the platform shows, compares and upgrades connectors by this label; jcdk-connector-parent sets "
        + "it to the project's version";
    if (expected != null && !version.equals(expected)) {
      throw Check.fail("io.airbyte.version is '" + version + "' but the connector's version is '" + expected + "': "
          + why);
    }
    if (!VERSION.matcher(version).matches()) {
      throw Check.fail("io.airbyte.version is '" + version + "', which is not a version (MAJOR.MINOR.PATCH, e.g. "
          + "1.2.0 or 0.1.0-SNAPSHOT): " + why);
    }
    String tag = tag(image);
    if (tag != null && VERSION.matcher(tag).matches() && !tag.equals(version)) {
      throw Check.fail("the image is tagged " + tag + " but io.airbyte.version is '" + version + "'");
    }
  }

  private static void entrypoint(ImageInfo i) {
    String declared = i.environment().get("AIRBYTE_ENTRYPOINT");
    String actual = String.join(" ", i.entrypoint());
    if (declared == null) {
      throw Check.fail("the image has no AIRBYTE_ENTRYPOINT variable; the platform needs it (set it to '"
          + actual + "')");
    }
    if (!declared.equals(actual)) {
      throw Check.fail("AIRBYTE_ENTRYPOINT is '" + declared + "' but the entrypoint is '" + actual + "'");
    }
  }

  private static void platformLaunch(DockerRunner platform) {
    Transcript t = platform.run(Invocation.spec(), Map.of());
    if (t.stderrTail().contains("\"sh\": executable file not found")) {
      throw Check.fail("the image has no POSIX shell: the platform starts every connector with sh -c, so it cannot "
          + "start this one (a jcdk image gets sh from its base image: rebuild jcdk/jre:17 with "
          + "docker/build-jre-image.sh, or base it on an image with a shell)\n  " + t.diagnostics());
    }
    if (!t.succeeded() || t.specs().size() != 1 || !t.violations().isEmpty()) {
      throw Check.fail("started the platform's way (" + platform.description() + "), spec must print one SPEC "
          + "and exit 0; the platform gives only its working directory /config to write to (a connector's "
          + "temporary files go to /tmp only where a volume is mounted there)\n  " + t.diagnostics()
          + (t.violations().isEmpty() ? "" : "\n  " + t.violations().get(0)));
    }
  }

  /**
   * A JVM started with {@code -XX:SharedArchiveFile} uses the archive only when it was made by the same
   * JVM over the same classpath, and otherwise runs without it, slower, and says so: by default on
   * stdout, in the middle of the protocol stream.
   */
  private static void classData(DockerRunner runner, ImageInfo i) {
    if (i.entrypoint().stream().noneMatch(arg -> arg.startsWith(SHARED_ARCHIVE))) {
      throw Check.skip("the entrypoint names no class-data archive (" + SHARED_ARCHIVE + "...)");
    }
    // -Xshare:on makes an archive the JVM cannot use an error instead of a silent slow start.
    Transcript strict = runner.withEnvironment(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"))
        .run(Invocation.spec(), Map.of());
    if (!strict.succeeded() || strict.specs().size() != 1) {
      throw Check.fail("with -Xshare:on the JVM cannot use the class-data archive its entrypoint names: it is "
          + "missing, or was made by another JVM or over another classpath (jcdk-connector-parent makes it in the "
          + "image, after Jib, with -Pimages)\n  " + strict.diagnostics());
    }
    // Appending to the boot classpath disables the archive: the JVM's warning must not reach stdout.
    Transcript unusable = runner.withEnvironment(Map.of("JAVA_TOOL_OPTIONS", "-Xbootclasspath/a:/tmp"))
        .run(Invocation.spec(), Map.of());
    if (!unusable.violations().isEmpty() || unusable.specs().size() != 1) {
      throw Check.fail("when the JVM cannot use its class-data archive, it warns on stdout and breaks the protocol "
          + "stream; start it with -Xlog:disable -Xlog:all=warning:stderr\n  " + unusable.diagnostics()
          + (unusable.violations().isEmpty() ? "" : "\n  " + unusable.violations().get(0)));
    }
  }

  /** {@code jcdk/source-postgres:dev} → {@code jcdk/source-postgres}. */
  static String repository(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  /** {@code jcdk/source-postgres:dev} → {@code dev}; null without a tag. */
  static String tag(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String repository = repository(image);
    return withoutDigest.length() > repository.length() ? withoutDigest.substring(repository.length() + 1) : null;
  }
}
