package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis store. Generation {@code g} of stream {@code s} is one Redis key {@code jcdk:data:s:g}:
 * a LIST of the records' data (append) or a HASH from primary key JSON to data (keyed), so dropping
 * a generation is one {@code UNLINK} and counting is {@code LLEN}/{@code HLEN}. The metadata is a
 * STRING holding JSON; {@code jcdk:streams} is a SET of the stream keys.
 *
 * <p>Writes are pipelined; {@link #commit()} waits for the server to acknowledge every command
 * sent. Redis runs one connection's commands in order, so what a crash leaves is a prefix of them;
 * what survives a crash of the server itself depends on its persistence settings (see the docs).
 */
final class RedisStore implements Store {

  /** Commands and bytes sent before reading replies, so neither side buffers without bound. */
  private static final int MAX_PENDING_COMMANDS = 512;
  private static final long MAX_PENDING_BYTES = 32L << 20;
  /** Values per RPUSH/HSET command. */
  private static final int MAX_VALUES_PER_COMMAND = 1000;
  private static final long MAX_BYTES_PER_COMMAND = 8L << 20;

  private final StoreConfig.Redis config;
  private final Jedis jedis;
  private Pipeline pipeline;
  private int pendingCommands;
  private long pendingBytes;

  private RedisStore(StoreConfig.Redis config, Jedis jedis) {
    this.config = config;
    this.jedis = jedis;
  }

  static RedisStore open(StoreConfig.Redis config, boolean readOnly) {
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .database(config.database())
        .connectionTimeoutMillis(10_000)
        .socketTimeoutMillis(20_000)
        .clientName("jcdk-destination-kvdb");
    if (config.username() != null) {
      client.user(config.username());
    }
    if (config.password() != null) {
      client.password(config.password());
    }
    if (config.tls()) {
      // FULL: the certificate must chain to the JVM's trust store and name the host.
      client.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
    }
    Jedis jedis;
    try {
      jedis = new Jedis(new HostAndPort(config.host(), config.port()), client.build());
      jedis.ping();
    } catch (JedisException e) {
      throw RedisErrors.classify(config, e);
    }
    RedisStore store = new RedisStore(config, jedis);
    try {
      store.checkFormat(readOnly);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void checkFormat(boolean readOnly) {
    byte[] format = read(() -> jedis.get(KeyLayout.FORMAT_KEY));
    if (format == null && !readOnly) {
      read(() -> jedis.set(KeyLayout.FORMAT_KEY, KeyLayout.bytes(KeyLayout.REDIS_FORMAT_VERSION)));
    } else if (format != null && !KeyLayout.REDIS_FORMAT_VERSION.equals(new String(format, StandardCharsets.UTF_8))) {
      throw ConnectorException.config(describe() + " holds jcdk key layout version "
          + new String(format, StandardCharsets.UTF_8) + "; this connector reads version "
          + KeyLayout.REDIS_FORMAT_VERSION + ". Use the connector version that wrote it, or another store.database.");
    }
  }

  @Override
  public Optional<StreamMeta> meta(StreamKey stream) {
    return Optional.ofNullable(read(() -> jedis.get(KeyLayout.metaKey(stream)))).map(StreamMeta::fromJson);
  }

  @Override
  public List<StreamMeta> streams() {
    List<StreamMeta> out = new ArrayList<>();
    for (byte[] encoded : read(() -> jedis.smembers(KeyLayout.STREAM_INDEX_KEY))) {
      byte[] meta = read(() -> jedis.get(KeyLayout.bytes(KeyLayout.META_PREFIX + new String(encoded, StandardCharsets.UTF_8))));
      if (meta != null) {
        out.add(StreamMeta.fromJson(meta));
      }
    }
    out.sort((a, b) -> a.key().compareTo(b.key()));
    return out;
  }

  @Override
  public void putMeta(StreamMeta meta) {
    byte[] json = meta.toJson();
    send(json.length, p -> p.set(KeyLayout.metaKey(meta.key()), json));
    send(0, p -> p.sadd(KeyLayout.STREAM_INDEX_KEY, KeyLayout.bytes(meta.key().encoded())));
  }

  @Override
  public Optional<ResumePoint> resumePoint(StreamKey stream) {
    return Optional.ofNullable(read(() -> jedis.get(KeyLayout.resumeKey(stream)))).map(ResumePoint::fromJson);
  }

  /** Acknowledged before it returns (after the writes sent before it). */
  @Override
  public void putResumePoint(StreamKey stream, ResumePoint point) {
    read(() -> jedis.set(KeyLayout.resumeKey(stream), point.toJson()));
  }

  @Override
  public String scope() {
    return "acknowledged by " + describe();
  }

  @Override
  public Appender append(StreamKey stream, Generation generation) {
    List<byte[]> values = new ArrayList<>();
    return new Appender() { // nothing to prepare: the commands carry the values
      @Override
      public void add(byte[] value) {
        values.add(value);
      }

      @Override
      public void finish() {
        rpush(stream, generation, values);
      }
    };
  }

  private void rpush(StreamKey stream, Generation generation, List<byte[]> values) {
    byte[] key = KeyLayout.dataKey(stream, generation.number());
    List<byte[]> chunk = new ArrayList<>();
    long bytes = 0;
    for (byte[] value : values) {
      chunk.add(value);
      bytes += value.length;
      if (chunk.size() >= MAX_VALUES_PER_COMMAND || bytes >= MAX_BYTES_PER_COMMAND) {
        byte[][] args = chunk.toArray(new byte[0][]);
        send(bytes, p -> p.rpush(key, args));
        chunk.clear();
        bytes = 0;
      }
    }
    if (!chunk.isEmpty()) {
      byte[][] args = chunk.toArray(new byte[0][]);
      send(bytes, p -> p.rpush(key, args));
    }
  }

  @Override
  public void upsert(StreamKey stream, Generation generation, Map<String, byte[]> changes) {
    byte[] key = KeyLayout.dataKey(stream, generation.number());
    Map<byte[], byte[]> puts = new HashMap<>();
    List<byte[]> deletes = new ArrayList<>();
    long bytes = 0;
    // The batch holds each key once (its last change), so puts and deletes commute.
    for (Map.Entry<String, byte[]> change : changes.entrySet()) {
      byte[] field = change.getKey().getBytes(StandardCharsets.UTF_8);
      if (change.getValue() == null) {
        deletes.add(field);
      } else {
        puts.put(field, change.getValue());
        bytes += field.length + change.getValue().length;
      }
      if (puts.size() >= MAX_VALUES_PER_COMMAND || bytes >= MAX_BYTES_PER_COMMAND) {
        Map<byte[], byte[]> args = puts;
        send(bytes, p -> p.hset(key, args));
        puts = new HashMap<>();
        bytes = 0;
      }
      if (deletes.size() >= MAX_VALUES_PER_COMMAND) {
        byte[][] args = deletes.toArray(new byte[0][]);
        send(0, p -> p.hdel(key, args));
        deletes.clear();
      }
    }
    if (!puts.isEmpty()) {
      Map<byte[], byte[]> args = puts;
      send(bytes, p -> p.hset(key, args));
    }
    if (!deletes.isEmpty()) {
      byte[][] args = deletes.toArray(new byte[0][]);
      send(0, p -> p.hdel(key, args));
    }
  }

  @Override
  public void drop(StreamKey stream, long generation) {
    send(0, p -> p.unlink(KeyLayout.dataKey(stream, generation)));
  }

  @Override
  public void truncate(StreamKey stream, Generation generation, long keep) {
    byte[] key = KeyLayout.dataKey(stream, generation.number());
    send(0, keep == 0 ? p -> p.unlink(key) : p -> p.ltrim(key, 0, keep - 1));
  }

  @Override
  public void commit() {
    if (pipeline == null) {
      return;
    }
    Pipeline p = pipeline;
    pipeline = null;
    pendingCommands = 0;
    pendingBytes = 0;
    List<Object> replies = read(() -> {
      List<Object> all = p.syncAndReturnAll();
      p.close();
      return all;
    });
    for (Object reply : replies) {
      if (reply instanceof JedisException e) {
        throw RedisErrors.classify(config, e);
      }
    }
  }

  @Override
  public long count(StreamKey stream, Generation generation) {
    byte[] key = KeyLayout.dataKey(stream, generation.number());
    return read(() -> generation.layout() == Layout.APPEND ? jedis.llen(key) : jedis.hlen(key));
  }

  @Override
  public void scan(StreamKey stream, Generation generation, EntryVisitor visitor) {
    byte[] key = KeyLayout.dataKey(stream, generation.number());
    if (generation.layout() == Layout.APPEND) {
      long position = 0;
      while (true) {
        long from = position;
        List<byte[]> page = read(() -> jedis.lrange(key, from, from + 999));
        for (byte[] value : page) {
          visitor.entry(KeyLayout.bytes(Long.toString(position++)), value);
        }
        if (page.size() < 1000) {
          return;
        }
      }
    }
    ScanParams params = new ScanParams().count(1000);
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      byte[] from = cursor;
      ScanResult<Map.Entry<byte[], byte[]>> page = read(() -> jedis.hscan(key, from, params));
      for (Map.Entry<byte[], byte[]> e : page.getResult()) {
        visitor.entry(e.getKey(), e.getValue());
      }
      cursor = page.getCursorAsBytes();
    } while (!Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
  }

  @Override
  public void probe() {
    byte[] key = KeyLayout.probeKey();
    byte[] value = KeyLayout.bytes("probe " + System.nanoTime());
    // Expires on its own should the check die between write and delete.
    read(() -> jedis.set(key, value, SetParams.setParams().px(60_000)));
    byte[] back = read(() -> jedis.get(key));
    if (!Arrays.equals(value, back)) {
      throw ConnectorException.system(describe() + " returned " + (back == null ? "nothing" : "different bytes")
          + " for the probe key just written; is it a read replica or a proxy that drops writes?", null);
    }
    read(() -> jedis.del(key));
  }

  @Override
  public String describe() {
    return "Redis at " + config.host() + ":" + config.port() + " (database " + config.database() + ")";
  }

  @Override
  public void close() {
    try {
      if (pipeline != null) {
        pipeline.close();
      }
      jedis.close();
    } catch (RuntimeException e) {
      // The connection is going away either way; whatever was committed is acknowledged already.
    }
  }

  private interface Command {
    void sendTo(Pipeline pipeline);
  }

  private void send(long bytes, Command command) {
    if (pipeline == null) {
      pipeline = read(jedis::pipelined);
    }
    try {
      command.sendTo(pipeline);
    } catch (JedisException e) {
      throw RedisErrors.classify(config, e);
    }
    pendingCommands++;
    pendingBytes += bytes;
    if (pendingCommands >= MAX_PENDING_COMMANDS || pendingBytes >= MAX_PENDING_BYTES) {
      commit();
    }
  }

  /** Runs a direct command, after the pipelined ones so reads see every earlier write. */
  private <T> T read(Supplier<T> command) {
    if (pipeline != null) {
      commit();
    }
    try {
      return command.get();
    } catch (JedisException e) {
      throw RedisErrors.classify(config, e);
    }
  }
}
