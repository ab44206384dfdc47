package com.usagetap.compression.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code format(x, ".1f")}, which clients of the llmlingua library compare strings of.
 *
 * <p>Python rounds the exact binary value of the double half-to-even ({@code 0.25} becomes {@code
 * 0.2}, and {@code 0.35}, stored as 0.34999..., becomes {@code 0.3}); {@code new
 * BigDecimal(double)} holds that same exact value. Python keeps the sign of a negative number that
 * rounds to zero ({@code -0.0}), which BigDecimal would drop.
 */
final class PythonFormat {
  private PythonFormat() {}

  static String fixed1(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String digits = new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    return negative && !digits.startsWith("-") ? "-" + digits : digits;
  }
}
