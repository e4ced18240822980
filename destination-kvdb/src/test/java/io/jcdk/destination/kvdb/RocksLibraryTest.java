package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.util.Environment;

class RocksLibraryTest {

  @TempDir Path tmp;

  @Test
  void unpacksTheLibraryOnceIntoADirectoryOnlyItsOwnerCanWrite() throws Exception {
    Path base = tmp.resolve("jcdk-user");

    Path library = RocksLibrary.unpacked(base);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base))).isEqualTo("rwx------");
    assertThat(library.getFileName().toString()).startsWith("librocksdb").endsWith(".so");
    assertThat(Files.size(library)).isGreaterThan(1 << 20);
    Object firstCopy = Files.readAttributes(library, BasicFileAttributes.class).fileKey();

    assertThat(RocksLibrary.unpacked(base)).isEqualTo(library);
    assertThat(Files.readAttributes(library, BasicFileAttributes.class).fileKey())
        .as("the same file, not unpacked again").isEqualTo(firstCopy);
    try (Stream<Path> files = Files.list(library.getParent())) {
      assertThat(files).as("nothing beside the library").containsExactly(library);
    }
  }

  @Test
  void findsTheLibraryUnpackedOnTheNativeLibraryPathAsTheImagesShipIt() throws Exception {
    String path = System.getProperty("java.library.path");
    try {
      System.setProperty("java.library.path", tmp.resolve("none") + File.pathSeparator + tmp);
      assertThat(RocksLibrary.onLibraryPath()).isFalse();

      Files.createFile(tmp.resolve(Environment.getJniLibraryFileName("rocksdb")));
      assertThat(RocksLibrary.onLibraryPath()).isTrue();
    } finally {
      System.setProperty("java.library.path", path);
    }
  }

  @Test
  void refusesADirectoryOthersCanWrite() throws Exception {
    Path base = Files.createDirectory(tmp.resolve("jcdk-user"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(RocksLibrary.unpacked(base)).isNull();
    try (Stream<Path> files = Files.list(base)) {
      assertThat(files).as("nothing written there").isEmpty();
    }
  }
}
