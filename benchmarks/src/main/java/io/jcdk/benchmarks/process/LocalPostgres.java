package io.jcdk.benchmarks.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server for the process benchmarks: Debian's binaries ({@code initdb}, {@code pg_ctl})
 * in a temporary data directory with {@code wal_level=logical}, so the server and the reference
 * clients ({@code psql}, {@code pg_recvlogical}) come from one installation. PostgreSQL refuses to
 * run as root, so as root the server runs as {@code postgres} through {@code runuser}. Trust
 * authentication over TCP on localhost; nothing is durable ({@code fsync=off}).
 */
final class LocalPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;

  private LocalPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  static LocalPostgres start(Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("jcdk-bench-pg");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres pg = new LocalPostgres(bin, dir, port);
    if (isRoot()) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    pg.asServerUser(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
        "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
    pg.asServerUser(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
        dir.resolve("log").toString(), "-o", "-p " + port + " -c listen_addresses=localhost -c wal_level=logical"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB"
            + " -c max_wal_size=4GB -c max_replication_slots=40 -c max_wal_senders=20"
            + " -c unix_socket_directories=" + dir, "start");
    return pg;
  }

  String host() {
    return "localhost";
  }

  int port() {
    return port;
  }

  String database() {
    return "postgres";
  }

  String user() {
    return "postgres";
  }

  Path bin() {
    return bin;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  /** A libpq connection string for the reference clients. */
  String conninfo() {
    return "host=localhost port=" + port + " dbname=postgres user=postgres";
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  String query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    asServerUser(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
    run(List.of("rm", "-rf", dir.toString()));
  }

  /** The command as the server's user: {@code postgres} when we are root, else ourselves. */
  static List<String> asServerUser(List<String> command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    return full;
  }

  private void asServerUser(String... command) throws IOException, InterruptedException {
    run(asServerUser(List.of(command)));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
