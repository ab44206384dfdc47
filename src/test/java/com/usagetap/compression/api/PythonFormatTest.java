package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFormatTest {

  // Each expected string is the output of Python 3's format(value, ".1f") for that value.
  @ParameterizedTest(name = "fixed1({0}) = {1}")
  @CsvSource({
    "0.25, 0.2",
    "0.35, 0.3",
    "2.675, 2.7",
    "0.05, 0.1",
    "0.15, 0.1",
    "0.45, 0.5",
    "1.25, 1.2",
    "2.25, 2.2",
    "9.95, 9.9",
    "99.95, 100.0",
    "43.47826086956521, 43.5",
    "2.3, 2.3",
    "1e16, 10000000000000000.0",
    "0.0, 0.0",
    "-0.0, -0.0",
    "-0.04, -0.0",
    "-0.05, -0.1",
    "-0.25, -0.2",
    "NaN, nan",
    "Infinity, inf",
    "-Infinity, -inf"
  })
  void fixed1_value_matchesPythonFormat(double value, String expected) {
    assertThat(PythonFormat.fixed1(value)).isEqualTo(expected);
  }
}
