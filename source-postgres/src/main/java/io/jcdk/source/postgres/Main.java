package io.jcdk.source.postgres;

import io.jcdk.runtime.ConnectorCli;

/** {@code java -jar source-postgres.jar spec|check|discover|read ...}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(ConnectorCli.forSource(new PostgresSource())
        .errorClassifier(new PostgresErrorClassifier())
        .run(args));
  }
}
