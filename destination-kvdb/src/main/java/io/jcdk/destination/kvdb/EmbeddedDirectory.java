package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.RocksDBException;

/** The embedded store's directory ({@code store.path}): checks before opening, and open failures. */
final class EmbeddedDirectory {

  private EmbeddedDirectory() {}

  /** Creates the directory if needed and refuses one that is not writable or holds other files. */
  static void prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw ConnectorException.config("store.path " + dir + " is a file, not a directory; point store.path at a"
          + " directory (it is created if missing).");
    }
    try {
      Files.createDirectories(dir);
    } catch (AccessDeniedException e) {
      throw ConnectorException.config("Cannot create the directory " + dir + " (store.path): permission denied"
          + " for user " + System.getProperty("user.name") + ". Create it with write access for this user, or"
          + " choose another path.", e);
    } catch (FileSystemException e) {
      throw ConnectorException.config("Cannot create the directory " + dir + " (store.path): "
          + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
          + (e.getFile() == null || e.getFile().equals(dir.toString()) ? "" : " (" + e.getFile() + ")")
          + ". Choose a path where a directory can be created.", e);
    } catch (IOException e) {
      throw ConnectorException.config("Cannot create the directory " + dir + " (store.path): " + e.getMessage()
          + ". Choose a path where a directory can be created.", e);
    }
    if (!Files.isWritable(dir)) {
      throw ConnectorException.config("The directory " + dir + " (store.path) is not writable by user "
          + System.getProperty("user.name") + ". Give this user write access, or choose another path.");
    }
    if (!Files.exists(dir.resolve("CURRENT"))) {
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.limit(3).map(p -> p.getFileName().toString()).toList();
        if (!names.isEmpty()) {
          throw ConnectorException.config("The directory " + dir + " (store.path) holds other files " + names
              + " but no store. Point store.path at an empty or new directory, so the store's files do not mix"
              + " with others.");
        }
      } catch (IOException e) {
        throw ConnectorException.config("Cannot list the directory " + dir + " (store.path): " + e.getMessage(), e);
      }
    }
  }

  /** Why RocksDB would not open the directory, in words the user can act on. */
  static ConnectorException openFailure(Path dir, RocksDBException e) {
    String state = RocksStore.detail(e);
    if (state.contains("lock") || state.contains("LOCK")) {
      return ConnectorException.transientError("Another process is using the store in " + dir + " (its LOCK file"
          + " is held): run one write or check at a time per store.path, or wait for the other one to finish.", e);
    }
    if (state.contains("No space left")) {
      return ConnectorException.config("The disk holding " + dir + " (store.path) is full: " + state
          + ". Free space or move the store.", e);
    }
    return ConnectorException.system("Cannot open the embedded store in " + dir + " (store.path): " + state, e);
  }
}
