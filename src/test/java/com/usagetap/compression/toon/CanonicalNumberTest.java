package com.usagetap.compression.toon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalNumberTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1E+3, 1000",
    "1e3, 1000",
    "-0.0, 0",
    "-0, 0",
    "0E+10, 0",
    "0.000, 0",
    "1.50, 1.5",
    "100.00, 100",
    "-12.3400, -12.34",
    "0.5, 0.5",
    "123456.789, 123456.789"
  })
  void format_decimalInPlainRange_isPlainWithoutTrailingZeros(String source, String expected) {
    assertThat(CanonicalNumber.format(new BigDecimal(source))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.000001, 0.000001",
    "0.0000012345, 0.0000012345",
    "0.00000099, 9.9e-7",
    "0.0000001, 1e-7",
    "-1.5E-7, -1.5e-7",
    "999999999999999999999, 999999999999999999999",
    "1E+21, 1e+21",
    "-1.2345E+21, -1.2345e+21",
    "1000000000000000000000.0, 1e+21"
  })
  void format_decimalAtTheRangeEdges_switchesToExponentFormOutside1eMinus6To1e21(
      String source, String expected) {
    assertThat(CanonicalNumber.format(new BigDecimal(source))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1E+400, 1e+400",
    "1E-400, 1e-400",
    "2.5E+2147483647, 2.5e+2147483647",
    "1E-2147483647, 1e-2147483647",
    "123456789012345678901234567890, 1.2345678901234567890123456789e+29",
    "0.1000000000000000000000000000001, 0.1000000000000000000000000000001"
  })
  void format_hugeExponentsAndLongMantissas_keepEveryDigitWithoutExpandingThePower(
      String source, String expected) {
    assertThat(CanonicalNumber.format(new BigDecimal(source))).isEqualTo(expected);
  }

  @Test
  void format_integersBeyond2To53_keepEveryDigit() {
    BigInteger beyond = BigInteger.TWO.pow(53).add(BigInteger.ONE);

    assertThat(CanonicalNumber.format(BigIntegerNode.valueOf(beyond)))
        .isEqualTo("9007199254740993");
    assertThat(CanonicalNumber.format(BigIntegerNode.valueOf(BigInteger.TWO.pow(64))))
        .isEqualTo("18446744073709551616");
    assertThat(CanonicalNumber.format(LongNode.valueOf(Long.MIN_VALUE)))
        .isEqualTo("-9223372036854775808");
  }

  @Test
  void format_integerAndDecimalNodes_useTheirExactValue() {
    assertThat(CanonicalNumber.format(IntNode.valueOf(-42))).isEqualTo("-42");
    assertThat(CanonicalNumber.format(DecimalNode.valueOf(new BigDecimal("2.50E+2"))))
        .isEqualTo("250");
  }

  // The expected texts are what JavaScript's String(number) prints for the same doubles.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.1, 0.1",
    "1e21, 1e+21",
    "1e-7, 1e-7",
    "-1.5e-7, -1.5e-7",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "9007199254740994, 9007199254740994",
    "123e-20, 1.23e-18",
    "4.9e-324, 5e-324",
    "1e-323, 1e-323",
    "1.5e-323, 1.5e-323",
    "4.9e-322, 4.9e-322",
    "-0.0, 0"
  })
  void formatDouble_writesTheShortestDecimalJavaScriptPrints(double value, String expected) {
    assertThat(CanonicalNumber.format(DoubleNode.valueOf(value))).isEqualTo(expected);
  }

  @Test
  void formatDouble_nanAndInfinities_areNull() {
    assertThat(CanonicalNumber.formatDouble(Double.NaN)).isEqualTo("null");
    assertThat(CanonicalNumber.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("null");
    assertThat(CanonicalNumber.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void format_floatNode_isTheDoubleItWidensTo() {
    assertThat(CanonicalNumber.format(FloatNode.valueOf(0.5f))).isEqualTo("0.5");
    assertThat(CanonicalNumber.format(FloatNode.valueOf(0.1f))).isEqualTo("0.10000000149011612");
  }
}
