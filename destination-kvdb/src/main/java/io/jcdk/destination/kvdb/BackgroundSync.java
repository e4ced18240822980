package io.jcdk.destination.kvdb;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a store's fsync on a thread of its own, so that writes go on while the disk works.
 * Requests that arrive while a sync runs share the next one: a request's stage completes after a
 * sync that started after the request, which covers every write made before it.
 */
final class BackgroundSync implements AutoCloseable {

  private final Runnable sync;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "jcdk-sync");
    t.setDaemon(true);
    return t;
  });
  /** The requests waiting for the next sync, or null. */
  private CompletableFuture<Void> waiting;
  private boolean running;

  BackgroundSync(Runnable sync) {
    this.sync = sync;
  }

  /** A stage that completes once every write made before this call is durable (or fails). */
  synchronized CompletionStage<Void> request() {
    if (waiting == null) {
      waiting = new CompletableFuture<>();
    }
    CompletionStage<Void> request = waiting;
    if (!running) {
      running = true;
      thread.execute(this::drain);
    }
    return request;
  }

  private void drain() {
    while (true) {
      CompletableFuture<Void> requests;
      synchronized (this) {
        requests = waiting;
        waiting = null;
        if (requests == null) {
          running = false;
          return;
        }
      }
      try {
        sync.run();
        requests.complete(null);
      } catch (RuntimeException | Error e) {
        requests.completeExceptionally(e);
      }
    }
  }

  /** Waits for the syncs requested so far, then ends the thread. */
  @Override
  public void close() {
    thread.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (thread.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true; // the engine must not close under a running sync
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
