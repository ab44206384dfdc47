package com.usagetap.compression.compress;

import java.util.Arrays;

/**
 * NumPy's {@code np.percentile(values, q)} with its default "linear" method, step for step, so that
 * thresholds compare equal to the llmlingua reference's in floating point.
 *
 * <p>NumPy computes the virtual index as {@code n*q + (1 + q*(1 - alpha - beta)) - 1} with {@code
 * alpha = beta = 1} and {@code q} the fraction, interpolates between the two neighbours with {@code
 * a + (b - a) * t}, and for {@code t >= 0.5} uses {@code b - (b - a) * (1 - t)} instead, which is
 * exact at the upper end.
 */
public final class Percentile {
  private Percentile() {}

  /**
   * The {@code percent}-th percentile of {@code values}.
   *
   * @param values the sample; not modified
   * @param percent the percentile in [0, 100]
   */
  public static double linear(double[] values, double percent) {
    if (values.length == 0) {
      throw new IllegalArgumentException("percentile of an empty sample");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double q = percent / 100.0;
    double virtual = n * q + (1 + q * (1 - 1 - 1)) - 1;
    double floor = Math.floor(virtual);
    int previous = (int) Math.max(0, Math.min(n - 1, floor));
    int next = (int) Math.max(0, Math.min(n - 1, floor + 1));
    double t = virtual - floor;
    double a = sorted[previous];
    double b = sorted[next];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
