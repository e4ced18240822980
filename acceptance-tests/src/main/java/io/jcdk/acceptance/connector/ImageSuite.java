package io.jcdk.acceptance.connector;

import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.CheckGroup;
import io.jcdk.acceptance.check.Lazy;
import io.jcdk.acceptance.run.DockerEnvironment;
import io.jcdk.acceptance.run.DockerEnvironment.ImageInfo;
import java.util.List;

/**
 * The image carries what the Airbyte platform reads: labels {@code io.airbyte.name} (the image's
 * repository) and {@code io.airbyte.version}, and {@code AIRBYTE_ENTRYPOINT} equal to the entrypoint.
 */
public final class ImageSuite {

  private ImageSuite() {}

  public static CheckGroup group(String image) {
    Lazy<ImageInfo> info = Lazy.of(() -> DockerEnvironment.inspect(image)
        .orElseThrow(() -> Check.fail("the image " + image + " is not in the local Docker engine")));
    return new CheckGroup("image", "image " + image, List.of(
        Check.of("image.labels", "labels io.airbyte.name and io.airbyte.version are set", () -> {
          ImageInfo i = info.get();
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
        }),
        Check.of("image.airbyte_entrypoint", "AIRBYTE_ENTRYPOINT equals the entrypoint", () -> {
          ImageInfo i = info.get();
          String declared = i.environment().get("AIRBYTE_ENTRYPOINT");
          String actual = String.join(" ", i.entrypoint());
          if (declared == null) {
            throw Check.fail("the image has no AIRBYTE_ENTRYPOINT variable; the platform needs it (set it to '"
                + actual + "')");
          }
          if (!declared.equals(actual)) {
            throw Check.fail("AIRBYTE_ENTRYPOINT is '" + declared + "' but the entrypoint is '" + actual + "'");
          }
        })));
  }

  /** {@code jcdk/source-postgres:dev} → {@code jcdk/source-postgres}. */
  static String repository(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }
}
