package ${package};

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The only class that talks to ${connectorTitle}. The example keeps its items in memory, so the
 * connector works as generated; replace its insides with calls to the real system. Errors are thrown
 * as they come (here {@link ApiException}); {@link ${connectorClass}ErrorClassifier} is the one place
 * that says what they mean to the user.
 */
final class ${connectorClass}Client implements AutoCloseable {

  /** The key the example accepts (secrets/config.json has it); the real system decides. */
  static final String SAMPLE_API_KEY = "sample-key";

  private static final List<Item> SAMPLE_ITEMS = sampleItems();

  private final ${connectorClass}Config config;

  private ${connectorClass}Client(${connectorClass}Config config) {
    this.config = config;
  }

  /** Opens the client for one command (check, discover or read). */
  static ${connectorClass}Client connect(${connectorClass}Config config) {
    // TODO(connector): create the connection or HTTP client here, with timeouts; close it in close()
    return new ${connectorClass}Client(config);
  }

  /** The cheapest call that proves the credentials; throws {@link ApiException} 401 when they are wrong. */
  void checkCredentials() {
    // TODO(connector): the cheapest call that proves the credentials (e.g. GET /me); a refusal throws, it does not return false
    if (!SAMPLE_API_KEY.equals(config.apiKey())) {
      throw new ApiException(401, "unknown API key");
    }
  }

  /**
   * Every item changed at or after {@code since} (all items when empty), oldest change first: the
   * order an incremental read needs, so that a checkpoint covers every item before it.
   */
  Stream<Item> items(Optional<Instant> since) {
    // TODO(connector): page through the real items, filtered by since on the server and sorted by updated_at
    return SAMPLE_ITEMS.stream().filter(item -> since.isEmpty() || !item.updatedAt().isBefore(since.get()));
  }

  @Override
  public void close() {
    // TODO(connector): release the connection
  }

  /** One item of the system. */
  record Item(long id, String name, Instant updatedAt) {}

  /** An error answer of the system's API, as a client library would throw it. */
  static final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
      super("HTTP " + status + ": " + message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** Twenty items changed in pairs (two items share each updated_at, as rows written in one batch do). */
  private static List<Item> sampleItems() {
    List<Item> items = new ArrayList<>();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int id = 1; id <= 20; id++) {
      items.add(new Item(id, "item " + id, start.plus(Duration.ofHours((id + 1) / 2))));
    }
    return items;
  }
}
