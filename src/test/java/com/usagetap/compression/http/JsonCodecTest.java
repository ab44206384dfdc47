package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.http.ApiException.FieldError;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code {"a": ...}} whose innermost value sits inside {@code depth} objects and arrays. */
  private static String nested(int depth) {
    return "{\"a\":" + "[".repeat(depth - 1) + "1" + "]".repeat(depth - 1) + "}";
  }

  /** {@code {"a": "<bytes>"}} with the given raw bytes inside the string. */
  private static byte[] inString(byte[] bytes) {
    byte[] start = utf8("{\"a\": \"");
    byte[] end = utf8("\"}");
    byte[] body = new byte[start.length + bytes.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(bytes, 0, body, start.length, bytes.length);
    System.arraycopy(end, 0, body, start.length + bytes.length, end.length);
    return body;
  }

  private ErrorCode failureOf(byte[] body) {
    try {
      codec.parseObject(body);
    } catch (ApiException e) {
      return e.code();
    }
    throw new AssertionError("accepted " + new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void parseObject_object_isReturnedWithItsFields() {
    ObjectNode body = codec.parseObject(utf8("{\"text\": \"hi\", \"n\": [1, {\"x\": null}]}"));

    assertThat(body.get("text").textValue()).isEqualTo("hi");
    assertThat(body.get("n").get(1).get("x").isNull()).isTrue();
  }

  @Test
  void parseObject_duplicateKey_isInvalidJson() {
    assertThat(failureOf(utf8("{\"a\": 1, \"a\": 1}"))).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(failureOf(utf8("{\"o\": {\"b\": 1, \"b\": 2}}"))).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} x", "{}{}", "{} []", "{\"a\":1}}", "{} \"s\""})
  void parseObject_trailingContent_isInvalidJson(String body) {
    assertThat(failureOf(utf8(body))).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\":}", "{'a': 1}", "{\"a\": NaN}", "{\"a\": 01}", "{a: 1}"})
  void parseObject_malformed_isInvalidJson(String body) {
    assertThat(failureOf(utf8(body))).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @Test
  void parseObject_depthAtTheLimit_isAccepted() {
    ObjectNode body = codec.parseObject(utf8(nested(JsonCodec.MAX_DEPTH)));

    assertThat(body.get("a").isArray()).isTrue();
    assertThat(body.findValue("a").toString()).hasSize(2 * (JsonCodec.MAX_DEPTH - 1) + 1);
  }

  @Test
  void parseObject_depthOneOverTheLimit_isInvalidJson() {
    String objects = "{\"a\":".repeat(65) + "1" + "}".repeat(65);

    assertThatThrownBy(() -> codec.parseObject(utf8(nested(65))))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON))
        .satisfies(e -> assertThat(e.getMessage()).contains("64"));
    assertThat(failureOf(utf8(objects))).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(codec.parseObject(utf8("{\"a\":".repeat(64) + "1" + "}".repeat(64)))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\": \"\\ud800\"}",
        "{\"a\": \"\\udc00\"}",
        "{\"a\": \"x\\ud83dy\"}",
        "{\"a\": \"\\ude00\\ud83d\"}",
        "{\"a\": [\"ok\", {\"b\": \"\\ud800\"}]}",
        "{\"\\udc00\": 1}"
      })
  void parseObject_loneSurrogateEscape_isInvalidJson(String body) {
    assertThat(failureOf(utf8(body))).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @Test
  void parseObject_escapedSurrogatePair_isTheCharacter() {
    ObjectNode body = codec.parseObject(utf8("{\"a\": \"\\ud83d\\ude00\", \"\\ud83d\\ude80\": 1}"));

    assertThat(body.get("a").textValue()).isEqualTo("😀");
    assertThat(body.has("🚀")).isTrue();
  }

  @Test
  void parseObject_rawUtf8Text_isDecoded() {
    ObjectNode body = codec.parseObject(utf8("{\"a\": \"naïve 東京 🚀\"}"));

    assertThat(body.get("a").textValue()).isEqualTo("naïve 東京 🚀");
  }

  @Test
  void parseObject_invalidUtf8Bytes_isInvalidJson() {
    byte[][] faults = {
      {(byte) 0xFF}, // never valid
      {(byte) 0x80}, // continuation without a lead byte
      {(byte) 0xE4, (byte) 0xB8}, // truncated three-byte sequence
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80} // an encoded surrogate
    };
    for (byte[] fault : faults) {
      assertThat(failureOf(inString(fault))).isEqualTo(ErrorCode.INVALID_JSON);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": 1e9999999999}", "{\"a\": [1e-2147483649]}"})
  void parseObject_exponentBeyondBigDecimal_isInvalidJsonNotACrash(String body) {
    assertThatThrownBy(() -> codec.parseObject(utf8(body)))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON))
        .satisfies(e -> assertThat(e.getMessage()).startsWith("Number out of range"));
  }

  @Test
  void parseObject_overlongOrOutOfRangeUtf8_isInvalidJson() {
    byte[][] faults = {
      {(byte) 0xC0, (byte) 0xAF}, // "/" in two bytes
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // "/" in three bytes
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
      {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80} // a lead byte UTF-8 never uses
    };
    for (byte[] fault : faults) {
      assertThat(failureOf(inString(fault))).isEqualTo(ErrorCode.INVALID_JSON);
    }
  }

  @Test
  void parseObject_utf16OrUtf32Body_isInvalidJson() {
    String json = "{\"a\": 1}";

    assertThat(failureOf(json.getBytes(StandardCharsets.UTF_16LE)))
        .isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(failureOf(json.getBytes(StandardCharsets.UTF_16BE)))
        .isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(failureOf(json.getBytes(StandardCharsets.UTF_16))).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(failureOf(json.getBytes(Charset.forName("UTF-32LE"))))
        .isEqualTo(ErrorCode.INVALID_JSON);
  }

  @Test
  void parseObject_leadingByteOrderMark_isIgnored() {
    byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'};

    assertThat(codec.parseObject(body).get("a").intValue()).isEqualTo(1);
  }

  @Test
  void parseObject_emptyOrBlankBody_isInvalidJson() {
    assertThatThrownBy(() -> codec.parseObject(new byte[0]))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON))
        .satisfies(e -> assertThat(e.getMessage()).contains("empty"));
    assertThat(failureOf(utf8(" \n\t "))).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"text\"", "42", "true", "null"})
  void parseObject_wellFormedNonObject_isInvalidRequestOnBody(String body) {
    assertThatThrownBy(() -> codec.parseObject(utf8(body)))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .satisfies(
            e -> assertThat(e.details()).extracting(FieldError::field).containsExactly("body"));
  }

  @Test
  void write_parsedNumbers_keepEveryDigit() {
    String body = "{\"big\":123456789012345678901234567890,\"scaled\":1.10,\"small\":0.000001}";

    assertThat(new String(codec.write(codec.parseObject(utf8(body))), StandardCharsets.UTF_8))
        .isEqualTo(body);
  }

  @Test
  void write_numbersInExponentOrSignedZeroForm_comeBackAsTheClientWroteThem() {
    String body =
        "{\"a\":1e400,\"b\":1E+400,\"c\":-0.0,\"d\":-0,\"e\":1.5e-7,\"f\":1e2,"
            + "\"g\":[123456789012345678901234567890,1.10,-12.50E-3]}";

    assertThat(new String(codec.write(codec.parseObject(utf8(body))), StandardCharsets.UTF_8))
        .isEqualTo(body);
  }

  @Test
  void parseObject_numbers_readAsTheirExactValues() {
    ObjectNode body = codec.parseObject(utf8("{\"i\": -7, \"e\": 1e2, \"f\": 1.10, \"z\": -0.0}"));

    assertThat(body.get("i").isIntegralNumber()).isTrue();
    assertThat(body.get("i").longValue()).isEqualTo(-7);
    assertThat(body.get("i").canConvertToInt()).isTrue();
    assertThat(body.get("e").isIntegralNumber()).isFalse();
    assertThat(body.get("e").doubleValue()).isEqualTo(100.0);
    assertThat(body.get("f").decimalValue()).isEqualByComparingTo("1.1");
    assertThat(body.get("f").decimalValue().scale()).isEqualTo(2);
    assertThat(body.get("z").decimalValue().signum()).isZero();
    assertThat(JsonCodec.kind(body.get("e"))).isEqualTo("a number");
  }

  @Test
  void write_asciiStringsAndStructure_roundTripExactly() {
    String body = "{\"s\":\"a\\\"b\\\\c\\n\",\"l\":[true,false,null,{}]}";

    assertThat(new String(codec.write(codec.parseObject(utf8(body))), StandardCharsets.UTF_8))
        .isEqualTo(body);
  }

  @Test
  void write_nonAsciiStrings_readBackAsTheSameText() {
    ObjectNode body = codec.parseObject(utf8("{\"e\":\"😀 東京 naïve\"}"));

    ObjectNode again = codec.parseObject(codec.write(body));

    assertThat(again.get("e").textValue()).isEqualTo("😀 東京 naïve");
  }

  @Test
  void kind_eachNodeType_hasAShortName() {
    ObjectNode body =
        codec.parseObject(utf8("{\"a\":[],\"o\":{},\"s\":\"\",\"n\":1,\"b\":true,\"z\":null}"));

    assertThat(JsonCodec.kind(body.get("a"))).isEqualTo("an array");
    assertThat(JsonCodec.kind(body.get("o"))).isEqualTo("an object");
    assertThat(JsonCodec.kind(body.get("s"))).isEqualTo("a string");
    assertThat(JsonCodec.kind(body.get("n"))).isEqualTo("a number");
    assertThat(JsonCodec.kind(body.get("b"))).isEqualTo("a boolean");
    assertThat(JsonCodec.kind(body.get("z"))).isEqualTo("null");
  }
}
