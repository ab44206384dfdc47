package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Expected values follow NumPy's "linear" method by hand: virtual index {@code v = n*q + (1 + q*(1
 * - 1 - 1)) - 1}, neighbours {@code a = sorted[floor(v)]} and {@code b = sorted[floor(v) + 1]}
 * clipped to the sample, {@code t = v - floor(v)}, and the result {@code a + (b - a) * t} when
 * {@code t < 0.5}, otherwise {@code b - (b - a) * (1 - t)}; all in double arithmetic.
 */
class PercentileTest {

  @Test
  void linear_quarterOfFourValues_interpolatesFromTheUpperNeighbour() {
    // v = 4*0.25 + 0.75 - 1 = 0.75; a = 1, b = 2, t = 0.75: 2 - 1 * 0.25 = 1.75.
    assertThat(Percentile.linear(new double[] {4, 1, 3, 2}, 25)).isEqualTo(1.75);
  }

  @Test
  void linear_lowFraction_interpolatesFromTheLowerNeighbour() {
    // v = 4*0.1 + 0.9 - 1 = 0.30000000000000004 = t; a = 1, b = 2: 1 + 1 * t = 1.3.
    assertThat(Percentile.linear(new double[] {1, 2, 3, 4}, 10)).isEqualTo(1.3);
  }

  @Test
  void linear_tAtOneHalf_usesTheUpperFormulaBitForBit() {
    // v = 0.5, t = 0.5, a = 0.1, b = 0.7, b - a = 0.6 (0.59999999999999998 as a double):
    // upper formula 0.7 - 0.6 * 0.5 = 0.39999999999999997; the lower one would give 0.4.
    assertThat(Percentile.linear(new double[] {0.7, 0.1}, 50)).isEqualTo(0.39999999999999997);
    // a = 0.2, b = 3.3: upper 3.3 - 3.1 * 0.5 = 1.75; the lower one would give 1.7499999999999998.
    assertThat(Percentile.linear(new double[] {3.3, 0.2}, 50)).isEqualTo(1.75);
  }

  @Test
  void linear_seventiethOfFive_landsBetweenThirdAndFourth() {
    // v = 5*0.7 + (1 - 0.7) - 1 = 2.8, t = 0.7999999999999998, a = 30, b = 40: 38.0.
    assertThat(Percentile.linear(new double[] {50, 10, 40, 20, 30}, 70)).isEqualTo(38.0);
  }

  @Test
  void linear_fortiethOfFour_usesTheComputedVirtualIndex() {
    // v = 4*0.4 + (1 - 0.4) - 1 = 1.2000000000000002, t = 0.20000000000000018, a = 0.3,
    // b = 0.45: 0.3 + 0.15000000000000002 * t = 0.33.
    assertThat(Percentile.linear(new double[] {0.45, 0.3, 0.9, 0.1}, 40)).isEqualTo(0.33);
  }

  @Test
  void linear_endsOfTheRange_areMinimumAndMaximum() {
    double[] values = {5, -2, 9, 0.5};

    assertThat(Percentile.linear(values, 0)).isEqualTo(-2);
    assertThat(Percentile.linear(values, 100)).isEqualTo(9);
  }

  @Test
  void linear_singleValue_isThatValueAtAnyPercent() {
    for (double percent : new double[] {0, 1, 37, 50, 99, 100}) {
      assertThat(Percentile.linear(new double[] {7.5}, percent)).isEqualTo(7.5);
    }
  }

  @Test
  void linear_sample_isNotReordered() {
    double[] values = {3, 1, 2};

    Percentile.linear(values, 50);

    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void linear_emptySample_isRefused() {
    assertThatThrownBy(() -> Percentile.linear(new double[0], 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
