package ${package};

import io.jcdk.runtime.ConnectorCli;

/** {@code java -jar ${artifactId}.jar spec | check | discover | read}: see README.md. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(ConnectorCli.forSource(new ${connectorClass}Source()).run(args));
  }
}
