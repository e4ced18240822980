package io.jcdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.destination.Destination;
import io.jcdk.destination.Loader;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.ConfiguredAirbyteStream;
import io.jcdk.runtime.ConnectorCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A destination process for {@link LocalSyncIT} that appends each loader call to the file {@code
 * journal} ("write 10", "commit", "complete snap", "incomplete snap", "close"): "close" is written
 * only when the write pipeline ended, so a journal without it belongs to a destination that was
 * stopped. {@code fail_at_commit} makes that commit fail.
 */
public final class JournalDestination implements Destination<JsonNode>, AnyConfig {

  public static void main(String[] args) {
    System.exit(ConnectorCli.forDestination(new JournalDestination()).run(args));
  }

  @Override
  public Loader open(JsonNode config, ConfiguredAirbyteCatalog catalog) {
    Path journal = Path.of(config.path("journal").asText());
    int failAt = config.path("fail_at_commit").asInt(0);
    return new Loader() {
      private int commits;

      @Override
      public void write(ConfiguredAirbyteStream stream, List<AirbyteRecordMessage> records) {
        log(journal, "write " + records.size());
      }

      @Override
      public void commit() {
        if (++commits == failAt) {
          throw new IllegalStateException("the disk is full (commit " + commits + ")");
        }
        log(journal, "commit");
      }

      @Override
      public void streamComplete(ConfiguredAirbyteStream stream) {
        log(journal, "complete " + stream.stream().name());
      }

      @Override
      public void streamIncomplete(ConfiguredAirbyteStream stream) {
        log(journal, "incomplete " + stream.stream().name());
      }

      @Override
      public void close() {
        log(journal, "close");
      }
    };
  }

  private static void log(Path journal, String line) {
    try {
      Files.writeString(journal, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
