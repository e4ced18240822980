package io.jcdk.destination.kvdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;

/**
 * How the embedded store tunes RocksDB. Public so the benchmark's bulk-load baseline runs the same
 * engine with the same settings.
 */
public final class EmbeddedEngine {

  static {
    RocksLibrary.load();
  }

  private EmbeddedEngine() {}

  /**
   * A 32 MiB memtable keeps flushes large with little native memory; LZ4 costs little CPU; values
   * of 256 KiB or more go to blob files so compactions do not keep rewriting big records; the
   * engine's own log stays small. 16 KiB blocks: the data is scanned (dump, read-back) rather than
   * looked up by key, and bigger blocks compress better and cost the flush less (per million
   * 250-byte records: 130 instead of 139 MB of tables, a tenth less flush CPU). At most 64 MiB of
   * write-ahead log: the metadata column family, written rarely, would otherwise keep every log
   * file alive until the engine's default limit (hundreds of MB, all replayed after a crash). The
   * caller closes the options.
   */
  public static Options options(boolean createIfMissing) {
    return new Options()
        .setCreateIfMissing(createIfMissing)
        .setWriteBufferSize(32L << 20)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setEnableBlobFiles(true)
        .setMinBlobSize(256L << 10)
        .setEnableBlobGarbageCollection(true)
        .setMaxBackgroundJobs(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setMaxLogFileSize(1L << 20)
        .setKeepLogFileNum(2)
        .setMaxTotalWalSize(64L << 20)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(16 << 10));
  }
}
