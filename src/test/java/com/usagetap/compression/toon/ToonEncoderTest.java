package com.usagetap.compression.toon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Json;
import org.junit.jupiter.api.Test;

class ToonEncoderTest {
  @Test
  void encode_integersBeyond2To53_keepEveryDigitWhereJavaScriptWouldRound() {
    JsonNode document =
        Json.parse("{\"id\":9007199254740993,\"rows\":[{\"n\":123456789012345678901}]}");

    assertThat(ToonEncoder.encode(document))
        .isEqualTo("id: 9007199254740993\nrows[1]{n}:\n  123456789012345678901");
  }

  @Test
  void encode_integerLikeKeys_keepTheDocumentOrder() {
    JsonNode document = Json.parse("{\"b\":1,\"10\":2,\"2\":3}");

    assertThat(ToonEncoder.encode(document)).isEqualTo("b: 1\n\"10\": 2\n\"2\": 3");
  }

  @Test
  void encode_unpairedSurrogateInAString_isRefusedNamingItsIndex() {
    JsonNode document = Json.object().put("k", "ab\uD800c");

    assertThatThrownBy(() -> ToonEncoder.encode(document))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot encode string value containing an unpaired surrogate U+D800 at index 2");
  }

  @Test
  void encode_unpairedSurrogateInAKey_isRefused() {
    JsonNode document = Json.object().put("x\uDC00", 1);

    assertThatThrownBy(() -> ToonEncoder.encode(document))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot encode object key containing an unpaired surrogate U+DC00 at index 1");
  }

  @Test
  void encode_pairedSurrogates_areWrittenAsIs() {
    assertThat(ToonEncoder.encode(Json.object().put("emoji", "👋🏽"))).isEqualTo("emoji: 👋🏽");
  }

  @Test
  void encode_nodesOutsideTheJsonModel_areRefused() {
    ObjectNode binary = Json.object().set("b", BinaryNode.valueOf(new byte[] {1}));

    assertThatThrownBy(() -> ToonEncoder.encode(binary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BINARY");
    assertThatThrownBy(() -> ToonEncoder.encode(MissingNode.getInstance()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MISSING");
  }

  @Test
  void encode_nonFiniteDoubles_areNull() {
    ObjectNode document = Json.object().set("x", DoubleNode.valueOf(Double.NaN));

    assertThat(ToonEncoder.encode(document)).isEqualTo("x: null");
  }

  @Test
  void encode_rootStringWithByteOrderMark_isQuotedWhileAFieldValueIsNot() {
    assertThat(ToonEncoder.encode(Json.parse("\"\\ufeffabc\""))).isEqualTo("\"\uFEFFabc\"");
    assertThat(ToonEncoder.encode(Json.parse("{\"k\":\"\\ufeffabc\"}"))).isEqualTo("k: \uFEFFabc");
  }

  @Test
  void encode_emptyRootObject_isTheEmptyDocument() {
    assertThat(ToonEncoder.encode(Json.object())).isEmpty();
  }

  @Test
  void encode_nestedUniformColumnsAndKeyedObjects_useNestedFieldGroups() {
    JsonNode document =
        Json.parse(
            "{\"a\":[{\"b\":{\"c\":1,\"d\":2},\"e\":\"x\"},{\"b\":{\"d\":3,\"c\":4},\"e\":\"y\"}],"
                + "\"k\":{\"r1\":{\"a\":1},\"r2\":{\"a\":2}}}");

    assertThat(ToonEncoder.encode(document))
        .isEqualTo("a[2]{b{c,d},e}:\n  1,2,x\n  4,3,y\nk[2:]{a}:\n  r1: 1\n  r2: 2");
  }

  @Test
  void encode_listItemObjects_carryTheirFirstFieldOnTheHyphenLine() {
    JsonNode document =
        Json.parse("{\"l\":[{\"t\":[{\"x\":1},{\"x\":2}],\"u\":1},{},[1,2],[[1],[{\"q\":1}]]]}");

    assertThat(ToonEncoder.encode(document, ToonOptions.DEFAULTS.withIndent(4)))
        .isEqualTo(
            """
            l[4]:
                - t[2]{x}:
                        1
                        2
                    u: 1
                -
                - [2]: 1,2
                - [2]:
                    - [1]: 1
                    - [1]:
                        - q: 1\
            """);
  }

  @Test
  void options_indentBelowOne_isRefusedWithTheValue() {
    assertThatThrownBy(() -> ToonOptions.DEFAULTS.withIndent(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  @Test
  void delimiterOf_unknownSymbol_isRefused() {
    assertThat(ToonDelimiter.of("\t")).isEqualTo(ToonDelimiter.TAB);
    assertThatThrownBy(() -> ToonDelimiter.of(";"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\";\"");
  }
}
