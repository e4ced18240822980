package io.jcdk.destination.kvdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundSyncTest {

  @Test
  void requestsDuringASyncShareTheNextOneWhichStartsAfterThem() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    BackgroundSync sync = new BackgroundSync(() -> {
      if (syncs.incrementAndGet() == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      }
    });
    CompletableFuture<Void> a = sync.request().toCompletableFuture();
    await(firstStarted);
    CompletableFuture<Void> b = sync.request().toCompletableFuture(); // the running sync may miss its writes
    CompletableFuture<Void> c = sync.request().toCompletableFuture();
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();

    releaseFirst.countDown();
    a.get(10, TimeUnit.SECONDS);
    c.get(10, TimeUnit.SECONDS);
    assertThat(b).isDone();
    assertThat(syncs).hasValue(2);

    sync.request().toCompletableFuture().get(10, TimeUnit.SECONDS); // idle again: a request starts a sync of its own
    assertThat(syncs).hasValue(3);
    sync.close();
  }

  @Test
  void aFailedSyncFailsTheRequestsItServedAndCloseWaitsForTheRunningOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BackgroundSync sync = new BackgroundSync(() -> {
      await(release);
      throw new IllegalStateException("disk full");
    });
    CompletableFuture<Void> request = sync.request().toCompletableFuture();
    CompletableFuture<Void> closed = CompletableFuture.runAsync(sync::close);
    Thread.sleep(50);
    assertThat(closed).isNotDone();
    release.countDown();
    closed.get(10, TimeUnit.SECONDS);
    assertThat(request).isCompletedExceptionally();
    assertThat(request.handle((ok, t) -> t.getMessage()).get()).contains("disk full");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
