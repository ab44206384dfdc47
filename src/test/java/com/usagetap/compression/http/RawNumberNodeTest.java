package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RawNumberNodeTest {

  @Test
  void toString_anyForm_isTheSourceText() {
    for (String text :
        new String[] {"1e400", "-0.0", "-0", "1.10", "2E-3", "123456789012345678901"}) {
      RawNumberNode node = new RawNumberNode(text, text.matches("-?[0-9]+"));

      assertThat(node.toString()).isEqualTo(text);
      assertThat(node.asText()).isEqualTo(text);
    }
  }

  @Test
  void numberType_integralText_isBigInteger() {
    RawNumberNode node = new RawNumberNode("-42", true);

    assertThat(node.isNumber()).isTrue();
    assertThat(node.isIntegralNumber()).isTrue();
    assertThat(node.isBigInteger()).isTrue();
    assertThat(node.isFloatingPointNumber()).isFalse();
    assertThat(node.asToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
    assertThat(node.numberType()).isEqualTo(NumberType.BIG_INTEGER);
    assertThat(node.numberValue()).isEqualTo(BigInteger.valueOf(-42));
    assertThat(node.intValue()).isEqualTo(-42);
  }

  @Test
  void numberType_fractionalText_isBigDecimalKeepingItsScale() {
    RawNumberNode node = new RawNumberNode("1.10", false);

    assertThat(node.isFloatingPointNumber()).isTrue();
    assertThat(node.isBigDecimal()).isTrue();
    assertThat(node.asToken()).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
    assertThat(node.numberType()).isEqualTo(NumberType.BIG_DECIMAL);
    assertThat(node.numberValue()).isEqualTo(new BigDecimal("1.10"));
    assertThat(node.doubleValue()).isEqualTo(1.1);
    assertThat(node.bigIntegerValue()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void canConvert_limitsOfIntAndLong_areInclusive() {
    assertThat(new RawNumberNode("2147483647", true).canConvertToInt()).isTrue();
    assertThat(new RawNumberNode("2147483648", true).canConvertToInt()).isFalse();
    assertThat(new RawNumberNode("-9223372036854775808", true).canConvertToLong()).isTrue();
    assertThat(new RawNumberNode("9223372036854775808", true).canConvertToLong()).isFalse();
    assertThat(new RawNumberNode("1e400", false).canConvertToLong()).isFalse();
  }

  @Test
  void equals_sameOrDifferentSourceText_equalOnlyWhenSame() {
    assertThat(new RawNumberNode("1.0", false))
        .isEqualTo(new RawNumberNode("1.0", false))
        .hasSameHashCodeAs(new RawNumberNode("1.0", false))
        .isNotEqualTo(new RawNumberNode("1.00", false));
  }

  @Test
  void constructor_exponentBeyondBigDecimal_throwsNumberFormatException() {
    assertThatThrownBy(() -> new RawNumberNode("1e9999999999", false))
        .isInstanceOf(NumberFormatException.class);
  }
}
