package ${package};

import io.jcdk.runtime.ConnectorCli;

/** {@code java -jar ${artifactId}.jar spec | check | write | read-back}: see README.md. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(ConnectorCli.forDestination(new ${connectorClass}Destination())
        .errorClassifier(new ${connectorClass}ErrorClassifier())
        .run(args));
  }
}
