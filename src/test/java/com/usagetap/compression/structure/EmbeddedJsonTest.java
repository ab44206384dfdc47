package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedJsonTest {

  private static EmbeddedJson json(String span) {
    return EmbeddedJson.parse(span).orElseThrow(() -> new AssertionError("not JSON: " + span));
  }

  @Test
  void parse_object_givesTreeAndMinifiedText() {
    EmbeddedJson json = json("{ \"a\" : [1, true, null], \"b\": {\"c\": \"d\"} }");

    assertThat(json.value().path("a").size()).isEqualTo(3);
    assertThat(json.value().path("b").path("c").textValue()).isEqualTo("d");
    assertThat(json.minified()).isEqualTo("{\"a\":[1,true,null],\"b\":{\"c\":\"d\"}}");
    assertThat(json.hasDuplicateKeys()).isFalse();
    assertThat(json.hasLoneSurrogates()).isFalse();
  }

  @Test
  void parse_scalarValues_areJsonToo() {
    assertThat(json("\"text\"").value().textValue()).isEqualTo("text");
    assertThat(json("false").value().booleanValue()).isFalse();
    assertThat(json("null").value().isNull()).isTrue();
    assertThat(json("-12").minified()).isEqualTo("-12");
  }

  @Test
  void parse_whitespaceAroundTheValue_isAllowedAsRfc8259Says() {
    EmbeddedJson json = json(" \t\r\n[1,\r\n 2]\r\n ");

    assertThat(json.minified()).isEqualTo("[1,2]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{\"a\": 1,}",
        "[1, 2,]",
        "[1,,2]",
        "{\"a\": 1 // note\n}",
        "/* c */ {}",
        "{'a': 1}",
        "{a: 1}",
        "[NaN]",
        "[Infinity]",
        "[-Infinity]",
        "[01]",
        "[1.]",
        "[.5]",
        "[+1]",
        "[-]",
        "[1e]",
        "[0x10]",
        "[True]",
        "[nul]",
        "{\"a\" 1}",
        "{\"a\": 1} x",
        "{\"a\": 1}{}",
        "[1] [2]",
        "\"a\" \"b\"",
        "[\"tab\there\"]",
        "[\"line\nbreak\"]",
        "[\"\\x41\"]",
        "[\"\\u00g1\"]",
        "[\"\\u0\"]",
        "[\"open]",
        "\uFEFF[1, 2]",
        "[1\u00A0]",
        "{\"a\": 1",
        "[1, [2]"
      })
  void parse_anythingOutsideRfc8259_isNotJson(String span) {
    assertThat(EmbeddedJson.parse(span)).isEmpty();
  }

  @Test
  void minified_numbersBeyondDoublePrecision_copiedExactly() {
    EmbeddedJson json =
        json("{ \"big\": 9007199254740993, \"huge\": 1e400, \"tiny\": -1E-400, \"scale\": 1.10 }");

    assertThat(json.minified())
        .isEqualTo("{\"big\":9007199254740993,\"huge\":1e400,\"tiny\":-1E-400,\"scale\":1.10}");
    JsonNode value = json.value();
    assertThat(value.path("big").bigIntegerValue())
        .isEqualTo(BigInteger.TWO.pow(53).add(BigInteger.ONE));
    assertThat(value.path("huge").decimalValue()).isEqualTo(new BigDecimal("1e400"));
    assertThat(value.path("tiny").decimalValue()).isEqualTo(new BigDecimal("-1E-400"));
    assertThat(value.path("scale").decimalValue()).isEqualTo(new BigDecimal("1.10"));
  }

  @Test
  void minified_negativeZero_keepsItsSignThoughTheTreeCannot() {
    EmbeddedJson json = json("[ -0, -0.0 ]");

    assertThat(json.minified()).isEqualTo("[-0,-0.0]");
    assertThat(json.value().get(0).bigIntegerValue()).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void minified_stringEscapes_copiedAsWritten() {
    String span = "[ \"a\\u0041\\\"b\" , \"\\/\\n\\t\\\\\" , \"x y\" ]";

    EmbeddedJson json = json(span);

    assertThat(json.minified()).isEqualTo("[\"a\\u0041\\\"b\",\"\\/\\n\\t\\\\\",\"x y\"]");
    assertThat(json.value().get(0).textValue()).isEqualTo("aA\"b");
    assertThat(json.value().get(1).textValue()).isEqualTo("/\n\t\\");
  }

  @Test
  void parse_nonAsciiText_keptAsIs() {
    EmbeddedJson json = json("{\"clé\": \"été \uD83D\uDE00\", \"日本\": \"語\"}");

    assertThat(json.value().path("clé").textValue()).isEqualTo("été \uD83D\uDE00");
    assertThat(json.minified()).isEqualTo("{\"clé\":\"été \uD83D\uDE00\",\"日本\":\"語\"}");
    assertThat(json.hasLoneSurrogates()).isFalse();
  }

  @Test
  void hasDuplicateKeys_repeatedKey_parsesKeepingTheLastValue() {
    EmbeddedJson json = json("{\"a\": 1, \"a\": 2}");

    assertThat(json.hasDuplicateKeys()).isTrue();
    assertThat(json.value().path("a").intValue()).isEqualTo(2);
    assertThat(json.minified()).isEqualTo("{\"a\":1,\"a\":2}");
  }

  @Test
  void hasDuplicateKeys_repeatedKeyInNestedObject_isFound() {
    assertThat(json("[{\"x\": {\"k\": 1, \"k\": null}}]").hasDuplicateKeys()).isTrue();
  }

  @Test
  void hasDuplicateKeys_sameKeyEscapedDifferently_isStillARepeat() {
    assertThat(json("{\"a\": 1, \"\\u0061\": 2}").hasDuplicateKeys()).isTrue();
  }

  @Test
  void hasDuplicateKeys_sameKeyInSiblingObjects_isNotARepeat() {
    assertThat(json("[{\"a\": 1}, {\"a\": 2}, {\"b\": {\"a\": 3}}]").hasDuplicateKeys()).isFalse();
  }

  @Test
  void hasLoneSurrogates_loneEscapes_areFound() {
    assertThat(json("[\"\\ud800\"]").hasLoneSurrogates()).isTrue();
    assertThat(json("[\"x\\uDC00y\"]").hasLoneSurrogates()).isTrue();
    assertThat(json("[\"\\ude00\\ud83d\"]").hasLoneSurrogates()).isTrue();
    assertThat(json("{\"\\ud800\": 1}").hasLoneSurrogates()).isTrue();
  }

  @Test
  void hasLoneSurrogates_escapedPair_isNotLone() {
    EmbeddedJson json = json("[\"\\ud83d\\ude00\"]");

    assertThat(json.hasLoneSurrogates()).isFalse();
    assertThat(json.value().get(0).textValue()).isEqualTo("\uD83D\uDE00");
    assertThat(json.minified()).isEqualTo("[\"\\ud83d\\ude00\"]");
  }

  @Test
  void hasLoneSurrogates_rawLoneSurrogateCharacter_isFound() {
    assertThat(json("[\"a\uD800b\"]").hasLoneSurrogates()).isTrue();
  }

  @Test
  void parse_nestingAtTheDepthLimit_isJsonAndOneMoreIsNot() {
    int limit = EmbeddedJson.MAX_DEPTH;

    assertThat(EmbeddedJson.parse("[".repeat(limit) + "]".repeat(limit))).isPresent();
    assertThat(EmbeddedJson.parse("[".repeat(limit - 1) + "{}" + "]".repeat(limit - 1)))
        .isPresent();
    assertThat(EmbeddedJson.parse("[".repeat(limit + 1) + "]".repeat(limit + 1))).isEmpty();
    assertThat(EmbeddedJson.parse("[".repeat(limit) + "{}" + "]".repeat(limit))).isEmpty();
  }

  @Test
  void parse_spanLongerThanTheLimit_isNotJson() {
    String body = "1,".repeat(EmbeddedJson.MAX_LENGTH / 2);
    String atLimit = "[" + body.substring(0, body.length() - 3) + "]";
    String overLimit = "[" + body.substring(0, body.length() - 1) + "]";

    assertThat(atLimit).hasSize(EmbeddedJson.MAX_LENGTH - 1);
    assertThat(EmbeddedJson.parse(atLimit)).isPresent();
    assertThat(overLimit).hasSize(EmbeddedJson.MAX_LENGTH + 1);
    assertThat(EmbeddedJson.parse(overLimit)).isEmpty();
  }

  @Test
  void parse_numberLongerThanTheLimit_isNotJson() {
    int limit = EmbeddedJson.MAX_NUMBER_LENGTH;

    assertThat(EmbeddedJson.parse("[" + "9".repeat(limit) + "]")).isPresent();
    assertThat(EmbeddedJson.parse("[" + "9".repeat(limit + 1) + "]")).isEmpty();
  }

  @Test
  void parse_exponentBeyondBigDecimal_isNotJson() {
    assertThat(EmbeddedJson.parse("[1e9999999999]")).isEmpty();
    assertThat(EmbeddedJson.parse("[1e-9999999999]")).isEmpty();
  }

  @Test
  void parse_range_readsOnlyThatPartOfTheText() {
    String text = "see {\"a\": [1, 2]} here";

    EmbeddedJson json = EmbeddedJson.parse(text, 4, 17).orElseThrow();

    assertThat(json.minified()).isEqualTo("{\"a\":[1,2]}");
    assertThat(EmbeddedJson.parse(text, 4, 16)).isEmpty();
    assertThatThrownBy(() -> EmbeddedJson.parse(text, 4, 99))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  /** Jackson in its default, strict mode, as the reference for what RFC 8259 accepts. */
  private static final ObjectMapper JACKSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(EmbeddedJson.MAX_DEPTH)
                          .maxNumberLength(EmbeddedJson.MAX_NUMBER_LENGTH)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private static final String[] SCALARS = {
    "0",
    "-0",
    "12",
    "-3.25",
    "1e400",
    "2E-3",
    "9007199254740993",
    "true",
    "false",
    "null",
    "\"\"",
    "\"plain\"",
    "\"a\\\"b\"",
    "\"\\u00e9\\n\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud800\"",
    "\"é\""
  };
  private static final String[] SPACES = {"", "", " ", "\n", "\r\n", "\t"};
  private static final String NOISE = "{}[],:\"\\ \n\u0001-+.eE0129tfnaxu'/";

  @Test
  void parse_randomValuesAndTheirMutations_acceptsWhatJacksonStrictModeAccepts() {
    Random random = new Random(20_240_602);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      randomValue(random, text, 0);
      // Half the texts get one character inserted, deleted or replaced: mostly broken JSON.
      if (random.nextBoolean() && !text.isEmpty()) {
        int at = random.nextInt(text.length());
        char noise = NOISE.charAt(random.nextInt(NOISE.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, noise);
          case 1 -> text.deleteCharAt(at);
          default -> text.setCharAt(at, noise);
        }
      }

      String span = text.toString();
      Optional<JsonNode> reference = jackson(span);
      Optional<EmbeddedJson> ours = EmbeddedJson.parse(span);
      assertThat(ours.isPresent()).as("accepted: %s", span).isEqualTo(reference.isPresent());
      if (reference.isPresent()) {
        assertThat(ours.orElseThrow().value()).as("tree of %s", span).isEqualTo(reference.get());
        assertThat(ours.orElseThrow().minified().replaceAll("\\s", ""))
            .as("minified %s", span)
            .isEqualTo(span.replaceAll("\\s", ""));
      }
    }
  }

  private static Optional<JsonNode> jackson(String span) {
    try {
      return Optional.of(JACKSON.readTree(span)).filter(node -> !node.isMissingNode());
    } catch (IOException | NumberFormatException e) {
      // Jackson too refuses an exponent that BigDecimal cannot hold, though unchecked.
      return Optional.empty();
    }
  }

  /** Appends a random JSON value with random whitespace between its tokens. */
  private static void randomValue(Random random, StringBuilder out, int depth) {
    int choice = depth > 4 ? 2 : random.nextInt(3);
    if (choice == 2) {
      out.append(SCALARS[random.nextInt(SCALARS.length)]);
      return;
    }

    boolean object = choice == 0;
    out.append(object ? '{' : '[');
    int members = random.nextInt(4);
    for (int i = 0; i < members; i++) {
      out.append(i > 0 ? "," : "").append(SPACES[random.nextInt(SPACES.length)]);
      if (object) {
        out.append('"').append((char) ('a' + random.nextInt(3))).append("\":");
        out.append(SPACES[random.nextInt(SPACES.length)]);
      }
      randomValue(random, out, depth + 1);
      out.append(SPACES[random.nextInt(SPACES.length)]);
    }
    out.append(object ? '}' : ']');
  }
}
