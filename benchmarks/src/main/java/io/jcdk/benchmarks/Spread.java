package io.jcdk.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** How a benchmark reports repeated measurements: one run proves nothing on a shared machine. */
public final class Spread {

  private Spread() {}

  /** {@code min / median / max} of {@code values}, each in {@code format} (e.g. {@code %.2f}). */
  public static String of(double[] values, String format) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return String.format(Locale.ROOT, format + " / " + format + " / " + format, sorted[0], median, sorted[n - 1]);
  }
}
