package io.jcdk.destination;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Runs loader calls one after another, in submission order, on its own thread. After a call
 * (or a commit completing later) fails it runs none of the later ones, and {@link #submit} and
 * {@link #finish} throw that failure on the caller's thread.
 */
final class LoaderThread {

  /** Loader calls waiting for the loader thread (each write holds one batch). */
  static final int HANDED_OFF = 4;
  private static final Runnable END = () -> { };

  private final BlockingQueue<Runnable> calls = new ArrayBlockingQueue<>(HANDED_OFF);
  private final Thread thread = new Thread(this::loop, "jcdk-loader");
  private volatile Throwable failure;
  private boolean stopped;
  /** Completes after the last echo so far; echoes run in order, each after its commit. */
  private CompletableFuture<Void> echoed = CompletableFuture.completedFuture(null);

  /** On the loader thread: runs {@code echo} once {@code commit} and every earlier echo completed. */
  void whenDurable(CompletionStage<Void> commit, Runnable echo) {
    echoed = echoed.thenCombine(commit, (a, b) -> (Void) null).thenRun(echo);
    echoed.exceptionally(t -> {
      if (failure == null) {
        failure = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      }
      return null;
    });
  }

  void start() {
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands a call over, waiting while {@value #HANDED_OFF} wait. */
  void submit(Runnable call) {
    try {
      while (!calls.offer(call, 100, TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing records to the loader", e);
    }
    rethrowFailure();
  }

  /** Waits until every call handed over has run; throws the first failure. */
  void finish() {
    stop();
    rethrowFailure();
  }

  /**
   * The reading side failed: the calls already handed over still run (they stand for input that
   * came before the failure, as if the pipeline were one thread), then the thread ends.
   */
  void abort(Throwable cause) {
    stop();
    Throwable f = failure;
    if (f != null && f != cause) {
      cause.addSuppressed(f);
    }
  }

  private void loop() {
    while (true) {
      Runnable call;
      try {
        call = calls.take();
      } catch (InterruptedException e) {
        continue; // only END ends the thread, so no handed-over call is dropped
      }
      if (call == END) {
        return;
      }
      if (failure == null) {
        try {
          call.run();
        } catch (Throwable t) {
          failure = t;
        }
      }
    }
  }

  private void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    boolean interrupted = false;
    while (true) {
      try {
        calls.put(END); // the thread drains the queue even after a failure, so this returns
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    echoed.handle((ok, t) -> null).join(); // and the commits it started, so close() overlaps none
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrowFailure() {
    Throwable f = failure;
    if (f instanceof RuntimeException e) {
      throw e;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }
}
