package io.jcdk.destination;

import java.time.Duration;

/**
 * How much the write pipeline holds before handing records to the loader.
 *
 * @param memoryBudgetBytes all streams' buffers together; when exceeded the largest buffer flushes
 * @param batchBytes one stream's buffer flushes once it holds this much
 * @param maxAge a buffer older than this flushes with the next message, so slow streams still land
 */
public record BufferPolicy(long memoryBudgetBytes, long batchBytes, Duration maxAge) {

  public BufferPolicy {
    if (batchBytes <= 0 || memoryBudgetBytes < batchBytes) {
      throw new IllegalArgumentException(
          "need 0 < batchBytes <= memoryBudgetBytes, got " + batchBytes + " and " + memoryBudgetBytes);
    }
  }

  public static BufferPolicy defaults() {
    long budget = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4);
    return new BufferPolicy(budget, Math.min(8L << 20, budget), Duration.ofSeconds(30));
  }
}
