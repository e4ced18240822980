package io.jcdk.acceptance.check;

import java.util.function.Supplier;

/**
 * A value computed on first use and shared by the checks of a group (one read feeds many checks).
 * A failure is remembered too, so every dependent check reports the same cause without rerunning.
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> compute;
  private T value;
  private RuntimeException failure;
  private Error error;
  private boolean done;

  private Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  public static <T> Lazy<T> of(Supplier<T> compute) {
    return new Lazy<>(compute);
  }

  @Override
  public synchronized T get() {
    if (!done) {
      try {
        value = compute.get();
      } catch (RuntimeException e) {
        failure = e;
      } catch (Error e) {
        error = e;
      }
      done = true;
    }
    if (failure != null) {
      throw failure;
    }
    if (error != null) {
      throw error;
    }
    return value;
  }
}
