package com.usagetap.compression.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number from a request, written back exactly as the client wrote it.
 *
 * <p>Jackson's own number nodes write a normalised form: {@code 1e400} comes back as {@code 1E+400}
 * and {@code -0.0} as {@code 0.0}. Chat requests must come back unchanged apart from the compressed
 * text, so this node keeps the source text for output and its exact {@code BigDecimal} value for
 * reading.
 */
final class RawNumberNode extends NumericNode {
  private static final long serialVersionUID = 1L;
  private static final BigDecimal MIN_INT = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String text;
  private final BigDecimal value;
  private final boolean integral;

  /**
   * @param text the number as it appeared in the JSON source
   * @param integral whether it was written without fraction or exponent
   * @throws NumberFormatException when its exponent is beyond what {@code BigDecimal} holds
   */
  RawNumberNode(String text, boolean integral) {
    this.text = text;
    this.value = new BigDecimal(text);
    this.integral = integral;
  }

  @Override
  public JsonToken asToken() {
    return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
  }

  @Override
  public JsonParser.NumberType numberType() {
    return integral ? JsonParser.NumberType.BIG_INTEGER : JsonParser.NumberType.BIG_DECIMAL;
  }

  @Override
  public boolean isIntegralNumber() {
    return integral;
  }

  @Override
  public boolean isFloatingPointNumber() {
    return !integral;
  }

  @Override
  public boolean isBigInteger() {
    return integral;
  }

  @Override
  public boolean isBigDecimal() {
    return !integral;
  }

  @Override
  public Number numberValue() {
    return integral ? value.toBigInteger() : value;
  }

  @Override
  public int intValue() {
    return value.intValue();
  }

  @Override
  public long longValue() {
    return value.longValue();
  }

  @Override
  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public BigDecimal decimalValue() {
    return value;
  }

  @Override
  public BigInteger bigIntegerValue() {
    return value.toBigInteger();
  }

  @Override
  public boolean canConvertToInt() {
    return value.compareTo(MIN_INT) >= 0 && value.compareTo(MAX_INT) <= 0;
  }

  @Override
  public boolean canConvertToLong() {
    return value.compareTo(MIN_LONG) >= 0 && value.compareTo(MAX_LONG) <= 0;
  }

  @Override
  public String asText() {
    return text;
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    generator.writeNumber(text);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawNumberNode number && number.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
