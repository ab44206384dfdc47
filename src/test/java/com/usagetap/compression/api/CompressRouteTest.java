package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Texts;
import com.usagetap.compression.testing.Tokens;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /compress}: what the compressed text and the figures beside it promise. */
class CompressRouteTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  static final String PROSE =
      """
      Our quarterly planning meeting is scheduled for Thursday afternoon in the main \
      conference room. Please review the attached budget spreadsheet before then, and \
      note that the marketing team has not yet submitted its revised figures.

        - Item 1: approve the hiring plan for Q3 (budget $120,000)
        - Item 2: decide whether the launch moves to October 14

      Bring any questions about the vendor contracts, because legal will not join us.\
      """;

  /** Prose in two languages, which the two tokenizers split differently. */
  static final String MIXED =
      PROSE
          + "\n\u4f1a\u8bae\u7eaa\u8981\uff1a\u8bf7\u5728\u5468\u56db"
          + "\u4e4b\u524d\u5ba1\u9605\u9884\u7b97\u3002\n"
          + "G\u00fcvenlik m\u00fchendisi olarak \u00e7al\u0131\u015f\u0131yorum.";

  static Stream<Arguments> texts() {
    List<Arguments> cases = new ArrayList<>();
    String[] texts = {PROSE, "The cat sat on the mat, and then it slept for hours.", longText()};
    for (String text : texts) {
      for (double aggressiveness : new double[] {0.1, 0.5, 0.9}) {
        cases.add(
            Arguments.of(text.length() + " chars at " + aggressiveness, text, aggressiveness));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void compress_outputIsASubsequenceWithTruthfulTokenFigures(
      String name, String text, double aggressiveness) {
    JsonNode body = compress(Json.object().put("text", text).put("aggressiveness", aggressiveness));

    String output = body.get("compressed_text").textValue();
    int original = body.get("original_tokens").intValue();
    int compressed = body.get("compressed_tokens").intValue();
    assertThat(Texts.isSubsequence(output, text)).isTrue();
    assertThat(original).isEqualTo(Tokens.o200k(text));
    assertThat(compressed).isEqualTo(Tokens.o200k(output)).isLessThanOrEqualTo(original);
    assertThat(body.get("tokens_saved").intValue()).isEqualTo(original - compressed);
    assertThat(body.get("compression_ratio").doubleValue()).isEqualTo(ratio(original, compressed));
  }

  @Test
  void compress_higherAggressiveness_neverKeepsMoreTokens() {
    int previous = Integer.MAX_VALUE;
    for (double aggressiveness : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
      JsonNode body =
          compress(Json.object().put("text", PROSE).put("aggressiveness", aggressiveness));
      int tokens = body.get("compressed_tokens").intValue();
      assertThat(tokens).as("at %s", aggressiveness).isLessThanOrEqualTo(previous);
      previous = tokens;
    }
  }

  @Test
  void compress_atHalf_makesTheProseStrictlySmallerWithoutWarnings() {
    JsonNode body = compress(Json.object().put("text", PROSE).put("aggressiveness", 0.5));

    assertThat(body.get("compressed_tokens").intValue())
        .isLessThan(body.get("original_tokens").intValue());
    assertThat(body.has("warnings")).isFalse();
  }

  @Test
  void aggressivenessZero_returnsTheTextUnchangedWithNotSmaller() {
    JsonNode body = compress(Json.object().put("text", PROSE).put("aggressiveness", 0));

    assertThat(body.get("compressed_text").textValue()).isEqualTo(PROSE);
    assertThat(body.get("compressed_tokens")).isEqualTo(body.get("original_tokens"));
    assertThat(body.get("tokens_saved").intValue()).isZero();
    assertThat(body.get("compression_ratio").doubleValue()).isEqualTo(1.0);
    assertThat(Json.write(body.get("warnings"))).isEqualTo("[\"not_smaller\"]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"hello", "Summarise.", "12 345 6789 2026-12-03", "", "   ", "\uD83D\uDE00"})
  void textThatCannotShrink_comesBackUnchangedWithNotSmaller(String text) {
    JsonNode body = compress(Json.object().put("text", text).put("aggressiveness", 0.9));

    assertThat(body.get("compressed_text").textValue()).isEqualTo(text);
    assertThat(body.get("compressed_tokens")).isEqualTo(body.get("original_tokens"));
    assertThat(body.get("compression_ratio").doubleValue()).isEqualTo(1.0);
    assertThat(Json.write(body.get("warnings"))).isEqualTo("[\"not_smaller\"]");
  }

  @Test
  void includeSections_true_listsSectionsThatAddUpToTheTotals() {
    JsonNode body =
        compress(
            Json.object()
                .put("text", PROSE)
                .put("aggressiveness", 0.5)
                .put("include_sections", true));

    JsonNode sections = body.get("sections");
    assertThat(sections.isArray()).isTrue();
    assertThat(sections).isNotEmpty();
    int original = 0;
    int compressed = 0;
    for (JsonNode section : sections) {
      assertThat(section.get("kind").textValue()).isNotBlank();
      assertThat(section.get("action").textValue()).isIn("compressed", "preserved");
      original += section.get("original_tokens").intValue();
      compressed += section.get("compressed_tokens").intValue();
    }
    assertThat(original).isEqualTo(body.get("original_tokens").intValue());
    assertThat(compressed).isEqualTo(body.get("compressed_tokens").intValue());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {"false", "-"})
  void includeSections_falseOrAbsent_hasNoSections(Boolean include) {
    ObjectNode request = Json.object().put("text", PROSE);
    if (include != null) {
      request.put("include_sections", include);
    }

    assertThat(compress(request).has("sections")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "-, gpt-4o, o200k_base",
    "gpt-4o, gpt-4o, o200k_base",
    "gpt-4, gpt-4, cl100k_base",
    "gpt-3.5-turbo, gpt-3.5-turbo, cl100k_base",
    "openai/gpt-4.1-mini, openai/gpt-4.1-mini, o200k_base",
    "claude-x, claude-x, o200k_base",
    "claude-3-5-sonnet-20241022, claude-3-5-sonnet-20241022, o200k_base"
  })
  void model_picksTheTokenizerThatCountsTheTokens(String model, String echoed, String tokenizer) {
    ObjectNode request = Json.object().put("text", MIXED).put("aggressiveness", 0);
    if (!model.equals("-")) {
      request.put("model", model);
    }

    JsonNode body = compress(request);

    int expected = tokenizer.equals("cl100k_base") ? Tokens.cl100k(MIXED) : Tokens.o200k(MIXED);
    assertThat(Tokens.cl100k(MIXED))
        .as("the two tokenizers disagree")
        .isNotEqualTo(Tokens.o200k(MIXED));
    assertThat(body.get("model").textValue()).isEqualTo(echoed);
    assertThat(body.get("tokenizer").textValue()).isEqualTo(tokenizer);
    assertThat(body.get("original_tokens").intValue()).isEqualTo(expected);
  }

  @Test
  void specialTokenLookAlikes_areCountedAsOrdinaryText() {
    String text = "Stop at <|endoftext|> and never emit <|im_start|> in replies.";

    JsonNode body = compress(Json.object().put("text", text).put("aggressiveness", 0));

    assertThat(body.get("original_tokens").intValue()).isEqualTo(Tokens.o200k(text));
  }

  @Test
  void sameRequestTwice_givesByteIdenticalBodies() {
    String request = Json.write(Json.object().put("text", longText()).put("aggressiveness", 0.6));

    Reply first = SERVER.post("/compress", request);
    Reply second = SERVER.post("/compress", request);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
  }

  /** Over 64K characters of varied text, long enough that the service counts it in slices. */
  static String longText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 90_000; i++) {
      text.append(PROSE)
          .append("\n\n")
          .append(i)
          .append(".\tTabbed  double  spaces and\u00a0nbsp; ");
      text.append("\u4e2d\u6587\u6587\u672c \uD83D\uDE00 caf\u00e9 na\u00efve \r\n");
    }
    return text.toString();
  }

  private static double ratio(int original, int compressed) {
    if (compressed <= 0 || compressed >= original) {
      return 1.0;
    }
    return new BigDecimal(original)
        .divide(new BigDecimal(compressed), 4, RoundingMode.HALF_UP)
        .doubleValue();
  }

  private static JsonNode compress(ObjectNode request) {
    Reply reply = SERVER.post("/compress", Json.write(request));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json();
  }
}
