package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a number the way TOON specification §2 asks, from its exact value.
 *
 * <p>A value with 1e-6 ≤ |n| < 1e21 is written as a plain decimal: no exponent, no leading zeros,
 * no trailing fractional zeros, and an integer when nothing is left after the point. Outside that
 * range the specification allows exponent notation, and this writes what JavaScript's {@code
 * Number.prototype.toString} writes there: the significant digits as {@code d.ddd}, a lowercase
 * {@code e}, an explicit sign and the exponent ({@code 1e+21}, {@code 1.5e-7}). Zero, including -0,
 * is {@code 0}.
 *
 * <p>Integer and decimal nodes are written from their exact value with every significant digit, so
 * nothing is rounded through a double. A double node is written as the shortest decimal that reads
 * back as the same double, the digits JavaScript chooses, and a float node as the double it widens
 * to; NaN and the infinities become {@code null} (§3).
 */
final class CanonicalNumber {
  private static final int LOWEST_PLAIN_EXPONENT = -6;
  private static final int HIGHEST_PLAIN_EXPONENT = 20;
  private static final MathContext ONE_DIGIT_DOWN = new MathContext(1, RoundingMode.FLOOR);
  private static final MathContext ONE_DIGIT_UP = new MathContext(1, RoundingMode.CEILING);

  private CanonicalNumber() {}

  /** The TOON text of a numeric node. */
  static String format(JsonNode number) {
    if (number.isInt() || number.isLong() || number.isShort()) {
      // Every long is below 1e21, so these never need the exponent form.
      return Long.toString(number.longValue());
    }
    if (number.isDouble()) {
      return formatDouble(number.doubleValue());
    }
    if (number.isFloat()) {
      return formatDouble(number.floatValue());
    }
    if (number.isBigInteger()) {
      return format(new BigDecimal(number.bigIntegerValue()));
    }
    return format(number.decimalValue());
  }

  /** The TOON text of an exact decimal value. */
  static String format(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }

    BigDecimal stripped = value.stripTrailingZeros();
    // The power of ten of the leading digit; long because precision and scale are both ints.
    long exponent = (long) stripped.precision() - stripped.scale() - 1;
    if (exponent >= LOWEST_PLAIN_EXPONENT && exponent <= HIGHEST_PLAIN_EXPONENT) {
      return stripped.toPlainString();
    }
    return scientific(stripped, exponent);
  }

  /** The TOON text of a double: null for NaN and the infinities, else its shortest decimal. */
  static String formatDouble(double value) {
    if (!Double.isFinite(value)) {
      return "null";
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal magnitude = shortestDecimal(Math.abs(value));
    return format(value < 0 ? magnitude.negate() : magnitude);
  }

  /**
   * The shortest decimal that reads back as {@code magnitude} (positive and finite), the closest to
   * it when several are that short, as ECMAScript's Number::toString chooses.
   */
  private static BigDecimal shortestDecimal(double magnitude) {
    BigDecimal candidate = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
    if (candidate.precision() != 2) {
      return candidate;
    }

    // Double.toString may answer with two digits where one digit also reads back, when the two
    // digit decimal lies closer (its contract since JDK 19); JavaScript takes the one digit.
    BigDecimal exact = new BigDecimal(magnitude);
    BigDecimal down = exact.round(ONE_DIGIT_DOWN);
    BigDecimal up = exact.round(ONE_DIGIT_UP);
    boolean downReadsBack = Double.parseDouble(down.toString()) == magnitude;
    boolean upReadsBack = Double.parseDouble(up.toString()) == magnitude;
    if (downReadsBack && upReadsBack) {
      int nearer = exact.subtract(down).compareTo(up.subtract(exact));
      return nearer < 0 || (nearer == 0 && isEvenDigit(down)) ? down : up;
    }
    if (downReadsBack) {
      return down;
    }
    return upReadsBack ? up : candidate;
  }

  private static boolean isEvenDigit(BigDecimal oneDigit) {
    return !oneDigit.unscaledValue().testBit(0);
  }

  private static String scientific(BigDecimal stripped, long exponent) {
    String digits = stripped.unscaledValue().abs().toString();
    StringBuilder text = new StringBuilder(digits.length() + 8);
    if (stripped.signum() < 0) {
      text.append('-');
    }
    text.append(digits.charAt(0));
    if (digits.length() > 1) {
      text.append('.').append(digits, 1, digits.length());
    }
    return text.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
  }
}
