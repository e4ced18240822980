package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcdk.protocol.AirbyteStream;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import io.jcdk.protocol.SyncMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncCommandTest {

  private static final List<AirbyteStream> DISCOVERED = List.of(stream("shop", "orders"), stream("shop", "customers"),
      stream("archive", "orders"), stream(null, "events"));

  private static AirbyteStream stream(String namespace, String name) {
    return AirbyteStream.of(StreamDescriptor.of(namespace, name), Json.object(), List.of(SyncMode.FULL_REFRESH));
  }

  private static List<String> picked(String... names) {
    return SyncCommand.pick(DISCOVERED, List.of(names)).stream().map(s -> s.descriptor().displayName()).toList();
  }

  @Test
  void streamsArePickedByNamespaceAndNameOrByAnUnambiguousNameInTheOrderDiscovered() {
    assertThat(picked("customers", "shop.orders", "events")).containsExactly("shop.orders", "shop.customers", "events");
    assertThat(picked("archive.orders", "archive.orders")).containsExactly("archive.orders");
  }

  @Test
  void anUnknownStreamIsRefusedWithTheStreamsThereAre() {
    assertThatThrownBy(() -> picked("shop.orders", "shop.order"))
        .isInstanceOf(SyncCommand.UnknownStreamsException.class)
        .hasMessage("--streams: no stream 'shop.order'. The source's streams: archive.orders, events, shop.customers, shop.orders");
  }

  @Test
  void aNameTwoNamespacesShareIsRefusedWithBoth() {
    assertThatThrownBy(() -> picked("orders"))
        .hasMessageStartingWith("--streams: 'orders' is [shop.orders, archive.orders]: give namespace.name.");
  }

  @Test
  void anImageGivenAsTheSourceRunsWithDockerSeeingItsConfigAndTheSyncsFiles() {
    Path cwd = Path.of("/home/me/project");
    LocalSync.Endpoint image = SyncCommand.endpoint("ghcr.io/me/source-postgres:1.0", null, Path.of("/etc/sync/source.json"),
        Path.of("/var/sync"), cwd, "jcdk-sync-7-source");

    assertThat(image.container()).isEqualTo("jcdk-sync-7-source");
    assertThat(image.command()).startsWith("docker", "run", "--rm", "-i", "--name", "jcdk-sync-7-source")
        .contains("/etc/sync:/etc/sync:ro", "/var/sync:/var/sync:ro", "/home/me/project:/home/me/project")
        .endsWith("ghcr.io/me/source-postgres:1.0");
  }

  @Test
  void aCommandLineRunsAsItIsAndAnExplicitImageAsAnImage() {
    Path config = Path.of("source.json");
    Path work = Path.of("work");
    Path cwd = Path.of("/p");

    assertThat(SyncCommand.endpoint("java -jar source.jar", null, config, work, cwd, "c"))
        .isEqualTo(new LocalSync.Endpoint(List.of("java", "-jar", "source.jar"), config));
    assertThat(SyncCommand.endpoint(null, "my-source", config, work, cwd, "c").command())
        .startsWith("docker", "run").endsWith("my-source");
  }
}
