package io.jcdk.destination.kvdb;

import io.jcdk.ConnectorException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis exceptions into errors that say what the user can do; the one place that reads them. */
final class RedisErrors {

  private RedisErrors() {}

  static ConnectorException classify(StoreConfig.Redis config, JedisException e) {
    String at = "Redis at " + config.host() + ":" + config.port();
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("NOAUTH")) {
      return ConnectorException.config(at + " requires a password; set store.password.", e);
    }
    if (e instanceof JedisAccessControlException || message.startsWith("WRONGPASS")) {
      if (message.startsWith("NOPERM")) {
        return ConnectorException.config(at + " refuses this user access to the jcdk:* keys (" + message
            + "). Grant the user (store.username) read and write on ~jcdk:*.", e);
      }
      return ConnectorException.config(at + " rejected the credentials: wrong password (store.password)"
          + (config.username() == null ? "" : " or user name (store.username '" + config.username() + "')")
          + ". Check them against the server's requirepass or ACL users.", e);
    }
    if (message.contains("without any password configured")) {
      return ConnectorException.config(at + " has no password set, but store.password is given. Remove"
          + " store.password, or set a password on the server.", e);
    }
    if (message.contains("DB index is out of range")) {
      return ConnectorException.config("store.database is " + config.database() + ", but " + at + " has fewer"
          + " databases. Use a number below the server's 'databases' setting (16 by default).", e);
    }
    if (message.startsWith("NOPERM")) {
      return ConnectorException.config(at + " refuses this user access to the jcdk:* keys (" + message
          + "). Grant the user (store.username) read and write on ~jcdk:*.", e);
    }
    if (message.startsWith("READONLY")) {
      return ConnectorException.config(at + " is a read-only replica; point store.host at the primary.", e);
    }
    if (message.startsWith("OOM")) {
      return ConnectorException.transientError(at + " is out of memory (maxmemory reached): " + message
          + ". Raise maxmemory or free space, then run the sync again.", e);
    }
    if (e instanceof JedisConnectionException) {
      return connection(config, at, e);
    }
    return ConnectorException.system(at + " answered with an error: " + message, e);
  }

  private static ConnectorException connection(StoreConfig.Redis config, String at, JedisException e) {
    if (find(e, UnknownHostException.class) != null) {
      return ConnectorException.config("store.host '" + config.host() + "' cannot be resolved. Check the host name.", e);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return ConnectorException.config("The TLS handshake with " + at + " failed (" + tls.getMessage() + ")."
          + (config.tls() ? " If the server does not use TLS, set store.tls to false; otherwise make sure its"
              + " certificate names the host and chains to a CA in the JVM's trust store." : ""), e);
    }
    ConnectException refused = find(e, ConnectException.class);
    if (refused != null) {
      return ConnectorException.transientError("Cannot reach " + at + ": " + refused.getMessage() + ". Check"
          + " store.host and store.port, and that the server is running and reachable from here.", e);
    }
    SocketTimeoutException timeout = find(e, SocketTimeoutException.class);
    if (timeout != null) {
      String hint = config.tls() ? " store.tls is true: if the server does not speak TLS, set it to false." : "";
      return ConnectorException.transientError(at + " did not answer in time (" + timeout.getMessage() + ")." + hint
          + " Check store.host and store.port, firewalls, and the server's load.", e);
    }
    String hint = config.tls() ? "" : " If the server requires TLS, set store.tls to true.";
    return ConnectorException.transientError("Lost the connection to " + at + ": "
        + String.valueOf(e.getMessage()).replaceFirst("\\.$", "") + "." + hint, e);
  }

  /** The first {@code type} among the causes and suppressed exceptions (Jedis puts socket errors in either). */
  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      for (Throwable suppressed : c.getSuppressed()) {
        T found = find(suppressed, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
