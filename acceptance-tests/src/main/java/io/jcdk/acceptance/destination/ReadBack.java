package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.StreamDescriptor;
import java.util.List;
import java.util.Map;

/**
 * How the harness sees what a destination stored. Without one, the checks that compare stored data
 * are skipped (visibly); with one, they compare every record.
 *
 * <p>The usual form is a connector command ({@code read_back.command} in the config): run like
 * {@code write}, with {@code --config} and {@code --catalog}, it prints the records stored for the
 * catalog's streams as RECORD messages. A JUnit test may instead pass a Java implementation that
 * opens the store directly.
 */
@FunctionalInterface
public interface ReadBack {

  /**
   * The records the destination holds for each stream of {@code catalog}, as the {@code data} a source
   * sent (no destination metadata columns); streams with nothing stored may be absent.
   */
  Map<StreamDescriptor, List<JsonNode>> read(JsonNode config, ConfiguredAirbyteCatalog catalog);
}
