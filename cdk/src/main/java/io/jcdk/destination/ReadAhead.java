package io.jcdk.destination;

import io.jcdk.protocol.AirbyteMessage;
import io.jcdk.protocol.MessageReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes the input on its own thread, a few batches ahead of the pipeline, so that parsing
 * overlaps the loader's writes and commits instead of waiting for them.
 *
 * <p>Batches are handed over when they reach {@value #BATCH_MESSAGES} messages or {@value
 * #BATCH_BYTES} bytes of record data, and at once after any message that is not a record: a STATE
 * or a stream status must not wait for more input that may never come (a source that is idle).
 * At most two batches wait in the queue, so the read-ahead adds a bounded amount of memory.
 */
final class ReadAhead implements AutoCloseable {

  /** One decoded message and the input line it came from, for error messages. */
  record Item(AirbyteMessage message, long line) {}

  private static final int BATCH_MESSAGES = 1024;
  private static final long BATCH_BYTES = 4L << 20;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
  private final Thread thread;
  private List<Item> current = List.of();
  private int position;

  ReadAhead(MessageReader in) {
    thread = new Thread(() -> produce(in), "jcdk-read-ahead");
    thread.setDaemon(true); // a blocked read of stdin must not keep the JVM alive after a failure
    thread.start();
  }

  /** The next message, or null at the end of the input; rethrows what the reader thread hit. */
  Item next() throws IOException {
    while (position == current.size()) {
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for input", e);
      }
      if (o == END) {
        queue.offer(END); // stay at the end on further calls
        return null;
      }
      if (o instanceof IOException e) {
        throw e;
      }
      if (o instanceof RuntimeException e) {
        throw e;
      }
      if (o instanceof Error e) {
        throw e;
      }
      @SuppressWarnings("unchecked")
      List<Item> batch = (List<Item>) o;
      current = batch;
      position = 0;
    }
    return current.get(position++);
  }

  private void produce(MessageReader in) {
    List<Item> batch = new ArrayList<>();
    long bytes = 0;
    try {
      AirbyteMessage m;
      while ((m = in.next()) != null) {
        batch.add(new Item(m, in.lineNumber()));
        boolean record = m.type() == AirbyteMessage.Type.RECORD;
        bytes += record ? m.record().data().size() : 0;
        if (!record || batch.size() >= BATCH_MESSAGES || bytes >= BATCH_BYTES) {
          queue.put(batch);
          batch = new ArrayList<>();
          bytes = 0;
        }
      }
      if (!batch.isEmpty()) {
        queue.put(batch);
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // The pipeline stopped; nobody wants the rest of the input.
    } catch (IOException | RuntimeException | Error e) {
      try {
        // What was decoded before the bad line is processed first, as if read in line.
        if (!batch.isEmpty()) {
          queue.put(batch);
        }
        queue.put(e);
      } catch (InterruptedException stopped) {
        // The pipeline stopped already.
      }
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
