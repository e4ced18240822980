package io.jcdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code jcdk -V}: the kit's version, which the build writes into the jar. */
final class KitVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"jcdk " + properties().getProperty("version")};
  }

  /** The kit's version ({@code version}) and the archetype plugin's ({@code archetype.version}). */
  static Properties properties() {
    try (InputStream in = KitVersion.class.getResourceAsStream("/io/jcdk/cli/kit.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
