package ${package};

import io.jcdk.protocol.StreamDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The only class that talks to the system this destination stores into: here, JSON-lines files in
 * a directory, one per stream ({@code <directory>/<namespace>/<stream>.jsonl}). Each method is one
 * operation of the system, made durable where it says so; errors are thrown as they come (wrapped
 * in {@link UncheckedIOException}), and {@link ${connectorClass}ErrorClassifier} says what they mean.
 */
final class ${connectorClass}Client implements AutoCloseable {

  private final Path directory;
  private final Map<Path, FileChannel> open = new HashMap<>();

  private ${connectorClass}Client(Path directory) {
    this.directory = directory;
  }

  /** Opens the client for one command. */
  static ${connectorClass}Client connect(${connectorClass}Config config) {
    // TODO(connector): connect to your system here (with timeouts); close the connection in close()
    try {
      Files.createDirectories(config.directory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ${connectorClass}Client(config.directory());
  }

  /** The cheapest operation that proves the destination can be written: a file created and deleted. */
  void checkWritable() {
    // TODO(connector): the cheapest write that proves the credentials and permissions
    try {
      Files.delete(Files.createTempFile(directory, ".check", ".tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stream's table: the file readers see. */
  Path table(StreamDescriptor stream) {
    return directory.resolve(stream.namespace() == null ? "_" : stream.namespace()).resolve(stream.name() + ".jsonl");
  }

  /** The same table with a suffix: its staging copy, its compaction, its bookkeeping. */
  Path table(StreamDescriptor stream, String suffix) {
    Path table = table(stream);
    return table.resolveSibling(table.getFileName() + suffix);
  }

  /** Appends JSON lines to a table (created when missing); durable only after {@link #sync()}. */
  void append(Path table, List<byte[]> lines) {
    try {
      FileChannel channel = open.get(table);
      if (channel == null) {
        Files.createDirectories(table.getParent());
        channel = FileChannel.open(table, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        open.put(table, channel);
      }
      for (byte[] line : lines) {
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes every append so far durable. */
  void sync() {
    try {
      for (FileChannel channel : open.values()) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table's size in bytes (0 when it does not exist). */
  long size(Path table) {
    try {
      return Files.exists(table) ? Files.size(table) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cuts a table back to its first {@code bytes}, durably: what an interrupted attempt wrote after that goes. */
  void truncate(Path table, long bytes) {
    try (FileChannel channel = FileChannel.open(table, StandardOpenOption.WRITE)) {
      channel.truncate(bytes);
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code target} with {@code source} in one step: readers see one or the other, never a mix. */
  void replace(Path source, Path target) {
    try {
      closeChannel(source);
      Files.createDirectories(target.getParent());
      if (!Files.exists(source)) {
        Files.createFile(source);
      }
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a table line by line (nothing when it does not exist). */
  void scan(Path table, Consumer<String> lines) {
    if (!Files.exists(table)) {
      return;
    }
    try (BufferedReader reader = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
      reader.lines().forEach(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small value stored durably under {@code file}, replacing the previous one in one step. */
  void put(Path file, String value) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.createDirectories(file.getParent());
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value stored under {@code file}, if any. */
  Optional<String> get(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a table or value if it exists. */
  void delete(Path file) {
    try {
      closeChannel(file);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closeChannel(Path table) throws IOException {
    FileChannel channel = open.remove(table);
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void close() {
    for (FileChannel channel : open.values()) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing loses nothing: what was not synced was never confirmed.
      }
    }
    open.clear();
  }
}
