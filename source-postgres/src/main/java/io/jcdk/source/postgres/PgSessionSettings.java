package io.jcdk.source.postgres;

import java.util.Properties;

/**
 * The session settings under which {@link PgValueConverter} reads text values. Every connection
 * the connector opens, JDBC or replication, gets them through pgjdbc's {@code options} property,
 * so a server configured with another {@code IntervalStyle}, {@code bytea_output} or
 * {@code lc_monetary} still sends the text the converter expects. ({@code DateStyle=ISO} is also
 * what pgjdbc itself insists on.)
 */
public final class PgSessionSettings {

  /** The {@code -c} options; see the class comment. */
  public static final String OPTIONS =
      "-c DateStyle=ISO -c IntervalStyle=iso_8601 -c bytea_output=hex -c lc_monetary=C";

  private PgSessionSettings() {}

  /**
   * Adds {@link #OPTIONS} to pgjdbc connection properties, after any {@code options} the user gave
   * (later {@code -c} settings win). Also turns off binary transfer: values must arrive as text.
   */
  public static Properties applyTo(Properties properties) {
    String userOptions = properties.getProperty("options");
    properties.setProperty(
        "options", userOptions == null || userOptions.isBlank() ? OPTIONS : userOptions + " " + OPTIONS);
    properties.setProperty("binaryTransfer", "false");
    return properties;
  }
}
