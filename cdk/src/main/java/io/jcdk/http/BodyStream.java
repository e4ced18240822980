package io.jcdk.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as a blocking {@link InputStream} whose reads give up after a pause of {@code
 * idle}: the JDK's {@code BodyHandlers.ofInputStream()} waits for ever when a server stops sending
 * in the middle of a body, and {@code HttpRequest.timeout} only covers the wait for the headers.
 *
 * <p>At most {@link #AHEAD} lists of buffers (each what one read of the socket gave) wait for the
 * reader, so a slow reader holds back the connection instead of filling the heap, while a fast one
 * rarely waits for the client to be asked for more (each such request is a hand-off between threads).
 */
final class BodyStream extends InputStream implements BodySubscriber<InputStream> {

  private static final List<ByteBuffer> END = List.of();
  private static final int AHEAD = 16;

  private final BlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
  private final long idleNanos;
  private final Duration idle;
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;
  private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
  private ByteBuffer current = ByteBuffer.allocate(0);
  private boolean ended;
  private volatile boolean closed;

  BodyStream(Duration idle) {
    this.idle = idle;
    this.idleNanos = idle.toNanos();
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(AHEAD);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.offer(item);
  }

  @Override
  public void onError(Throwable error) {
    failure = error;
    queue.offer(END);
  }

  @Override
  public void onComplete() {
    queue.offer(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    return current.remaining();
  }

  /** Makes {@code current} hold bytes; false at the end of the body. */
  private boolean fill() throws IOException {
    while (!current.hasRemaining()) {
      if (buffers.hasNext()) {
        current = buffers.next();
        continue;
      }
      if (ended || closed) {
        return false;
      }
      List<ByteBuffer> next;
      try {
        next = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the response body", e);
      }
      if (next == null) {
        close();
        throw new HttpTimeoutException("no data for " + idle.toSeconds() + " s in the middle of the response body"
            + " (read timeout " + idle + ")");
      }
      if (next == END) {
        ended = true;
        if (failure != null) {
          throw failure instanceof IOException io ? new IOException(io.getMessage(), io)
              : new IOException("the response body broke off: " + failure, failure);
        }
        return false;
      }
      buffers = next.iterator();
      subscription.request(1);
    }
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null && !ended) {
      s.cancel();
    }
  }
}
