package io.jcdk.destination.kvdb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} (Debian's package: {@code apt-get install -y redis-server}) on a free
 * loopback port, with a password. Tests that need one skip, saying why, where none can be started.
 */
final class RedisServer implements AutoCloseable {

  static final String PASSWORD = "test-secret-7";

  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server or skips the calling test with a message saying how to get one. */
  static RedisServer startOrSkip(Path dir) throws IOException, InterruptedException {
    int port = freePort();
    return start(dir, port, List.of("--port", String.valueOf(port)));
  }

  /**
   * Starts a server that speaks only TLS, with a certificate for {@code localhost} signed by a fresh
   * CA ({@code dir/ca.crt}); skips when openssl or a TLS-enabled redis-server is missing.
   */
  static RedisServer startTlsOrSkip(Path dir) throws IOException, InterruptedException {
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "2", "-subj", "/CN=jcdk test CA");
    run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost");
    Files.writeString(dir.resolve("san.cnf"), "subjectAltName=DNS:localhost\n");
    run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.crt", "-days", "2", "-extfile", "san.cnf");
    int port = freePort();
    return start(dir, port, List.of("--port", "0", "--tls-port", String.valueOf(port),
        "--tls-cert-file", dir.resolve("server.crt").toString(), "--tls-key-file", dir.resolve("server.key").toString(),
        "--tls-ca-cert-file", dir.resolve("ca.crt").toString(), "--tls-auth-clients", "no"));
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("openssl.log").toFile()).start();
    } catch (IOException e) {
      assumeTrue(false, "No " + command[0] + " to make a test certificate (" + e.getMessage() + ")");
      throw e;
    }
    assumeTrue(p.waitFor() == 0, String.join(" ", command) + " failed: " + Files.readString(dir.resolve("openssl.log")));
  }

  private static RedisServer start(Path dir, int port, List<String> listen) throws IOException, InterruptedException {
    String binary = System.getenv().getOrDefault("JCDK_REDIS_SERVER", "redis-server");
    List<String> command = new ArrayList<>(List.of(binary));
    command.addAll(listen);
    command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", PASSWORD,
        "--dir", dir.toString(), "--protected-mode", "no"));
    boolean tls = listen.contains("--tls-port");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      assumeTrue(false, "No redis-server to start (" + e.getMessage() + "); install Debian's redis-server"
          + " package (apt-get install -y redis-server) or set JCDK_REDIS_SERVER to the binary to run these tests.");
      throw e;
    }
    RedisServer server = new RedisServer(process, port);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (tls ? !server.listens() : !server.answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        server.close();
        String log = Files.exists(dir.resolve("redis.log")) ? Files.readString(dir.resolve("redis.log")) : "";
        assumeTrue(false, "redis-server did not start on port " + port + ": " + log);
      }
      Thread.sleep(50);
    }
    return server;
  }

  int port() {
    return port;
  }

  String config(int database) {
    return config("127.0.0.1", false, database);
  }

  String config(String host, boolean tls, int database) {
    return "{\"store\":{\"type\":\"redis\",\"host\":\"" + host + "\",\"port\":" + port + ",\"password\":\""
        + PASSWORD + "\",\"tls\":" + tls + ",\"database\":" + database + "}}";
  }

  /**
   * Sends one inline command to a database and returns the first line of the reply ("+OK", ":3",
   * "*2" for a two-element array).
   */
  String command(int database, String inline) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("AUTH " + PASSWORD + "\r\nSELECT " + database + "\r\n" + inline + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      for (String step : new String[] {"AUTH", "SELECT"}) {
        String reply = readLine(in);
        if (!reply.startsWith("+OK")) {
          throw new IOException(step + " failed: " + reply);
        }
      }
      return readLine(in);
    }
  }

  private boolean listens() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  private boolean answersPing() {
    try {
      return command(0, "PING").startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
