package io.jcdk.destination.kvdb;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library from a copy unpacked once per library build. Left to itself,
 * RocksDB inflates its 15 MB library from the jar into a new temporary file at every start (about
 * 90 ms: a {@code check} took 0.62 s that way, 0.53 s this way) and deletes it at exit, which a
 * killed process never reaches: every SIGKILL left 15 MB in the temporary directory.
 *
 * <p>The copy lives in {@code <java.io.tmpdir>/jcdk-<user>/rocksdb-<crc>-<size>/}, the directory
 * readable and writable by its owner only, since whoever can write there chooses the code this
 * process runs. It is unpacked under a name of its own and moved into place, so processes starting
 * together never load half a file. Where any of this is not possible (no such entry in a jar, a file
 * system without POSIX permissions, a directory someone else can write), RocksDB loads its library
 * its own way. The images carry the library unpacked on the native library path, which comes first.
 */
final class RocksLibrary {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private RocksLibrary() {}

  static void load() {
    if (onLibraryPath()) {
      RocksDB.loadLibrary(); // finds it there itself, as the images ship it
      return;
    }
    Path library = null;
    try {
      library = unpacked(Path.of(System.getProperty("java.io.tmpdir"), "jcdk-" + System.getProperty("user.name")));
    } catch (IOException | RuntimeException e) {
      // RocksDB's own way below.
    }
    if (library != null) {
      try {
        RocksDB.loadLibrary(List.of(library.getParent().toString()));
        return;
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        // A copy that does not load (damaged, or where files may not be executed): the next start
        // unpacks it again; this one loads RocksDB's own way below.
        try {
          Files.deleteIfExists(library);
        } catch (IOException ignored) {
          // Left as it is; the next start tries it once more.
        }
      }
    }
    RocksDB.loadLibrary();
  }

  /**
   * This platform's library under {@code base}, named as {@link RocksDB#loadLibrary(List)} looks for
   * it, unpacked if it was not there; null where the jar holds no library for this platform or
   * {@code base} may be written by others.
   */
  static Path unpacked(Path base) throws IOException {
    URL url = RocksDB.class.getClassLoader().getResource(Environment.getJniLibraryFileName("rocksdb"));
    if (url == null) {
      return null;
    }
    URLConnection connection = url.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return null;
    }
    JarEntry entry = jar.getJarEntry();
    if (entry.getCrc() < 0 || entry.getSize() < 0) {
      return null;
    }
    if (!Files.isDirectory(base)) {
      try {
        Files.createDirectory(base, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileSystemException raced) {
        // Made by a process starting at the same time; checked below like any other.
      }
    }
    if (!Files.getPosixFilePermissions(base).equals(OWNER_ONLY) || !ownedByThisProcess(base)) {
      return null;
    }
    Path dir = base.resolve("rocksdb-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize());
    // Named as RocksDB.loadLibrary(List) looks for it, which differs from the jar's entry.
    Path library = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
    if (!Files.isRegularFile(library) || Files.size(library) != entry.getSize()) {
      Files.createDirectories(dir);
      Path unpacking = Files.createTempFile(dir, "unpacking", ".so");
      try (InputStream in = jar.getInputStream()) {
        Files.copy(in, unpacking, StandardCopyOption.REPLACE_EXISTING);
        Files.move(unpacking, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(unpacking);
      }
    }
    return library;
  }

  /** Whether a directory of {@code java.library.path} holds this platform's library, as the images do. */
  static boolean onLibraryPath() {
    String name = Environment.getJniLibraryFileName("rocksdb");
    for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  private static boolean ownedByThisProcess(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, "owner", ".probe");
    try {
      return Files.getOwner(dir).equals(Files.getOwner(probe));
    } finally {
      Files.delete(probe);
    }
  }
}
