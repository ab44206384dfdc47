package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/compress}: the llmlingua {@code compress_prompt} names, counts and formats, with
 * every figure recomputed here from the texts returned.
 */
class LinguaRouteTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  static final List<String> CONTEXTS =
      List.of(
          "Document [1](Title: Tides) The tides are caused mainly by the gravitational pull of"
              + " the Moon, and to a lesser degree by the Sun, acting on the rotating Earth.",
          "Document [2](Title: Volcanoes) A volcano is a rupture in the crust of a planet that"
              + " allows hot lava, volcanic ash and gases to escape from a magma chamber.",
          "Document [3](Title: Glaciers) A glacier is a persistent body of dense ice that is"
              + " constantly moving under its own weight; it forms where snow accumulates.",
          "Document [4](Title: Deserts) A desert is a barren area of landscape where little"
              + " precipitation occurs and living conditions are hostile for plant life.");

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.5, 0.8, 1.0})
  void singleContext_figuresMatchTheLibrarysDefinitions(double rate) {
    String context = String.join("\n\n", CONTEXTS);

    JsonNode body = lingua(Json.object().put("context", context).put("rate", rate));

    assertFigures(body, List.of(context));
    assertThat(body.get("compressed_prompt_list")).hasSize(1);
    assertThat(Texts.isSubsequence(body.get("compressed_prompt").textValue(), context)).isTrue();
  }

  @Test
  void contextList_keepsTheOrderAndJoinsWithBlankLines() {
    ObjectNode request = Json.object().put("rate", 0.5);
    CONTEXTS.forEach(request.putArray("context")::add);

    JsonNode body = lingua(request);

    List<String> compressed = strings(body.get("compressed_prompt_list"));
    assertThat(compressed).isNotEmpty().hasSizeLessThanOrEqualTo(CONTEXTS.size());
    assertThat(body.get("compressed_prompt").textValue())
        .isEqualTo(String.join("\n\n", compressed));
    int from = 0;
    for (String part : compressed) {
      int source = from;
      while (source < CONTEXTS.size() && !Texts.isSubsequence(part, CONTEXTS.get(source))) {
        source++;
      }
      assertThat(source).as("a source context for %s, in order", part).isLessThan(CONTEXTS.size());
      from = source + 1;
    }
    assertFigures(body, CONTEXTS);
  }

  @Test
  void contextList_withoutContextFilter_returnsOneEntryPerContext() {
    ObjectNode request = Json.object().put("rate", 0.5).put("use_context_level_filter", false);
    CONTEXTS.forEach(request.putArray("context")::add);

    JsonNode body = lingua(request);

    List<String> compressed = strings(body.get("compressed_prompt_list"));
    assertThat(compressed).hasSize(CONTEXTS.size());
    for (int i = 0; i < compressed.size(); i++) {
      assertThat(Texts.isSubsequence(compressed.get(i), CONTEXTS.get(i))).isTrue();
    }
  }

  @Test
  void rateOne_returnsTheContextUnchanged() {
    String context = CONTEXTS.getFirst();

    JsonNode body = lingua(Json.object().put("context", context).put("rate", 1.0));

    assertThat(body.get("compressed_prompt").textValue()).isEqualTo(context);
    assertThat(body.get("ratio").textValue()).isEqualTo("1.0x");
    assertThat(body.get("rate").textValue()).isEqualTo("100.0%");
    assertThat(body.get("saving").textValue()).isEqualTo(", Saving $0.0 in GPT-4.");
  }

  @Test
  void noRate_behavesAsRateHalf() {
    String context = String.join(" ", CONTEXTS);

    Reply implicit = SERVER.post("/v1/compress", Json.write(Json.object().put("context", context)));
    Reply explicit =
        SERVER.post(
            "/v1/compress", Json.write(Json.object().put("context", context).put("rate", 0.5)));

    assertThat(implicit.body()).isEqualTo(explicit.body());
  }

  @Test
  void targetToken_atOrAboveTheOrigin_keepsEverything() {
    String context = String.join(" ", CONTEXTS);
    int origin = Tokens.cl100k(context);

    JsonNode body = lingua(Json.object().put("context", context).put("target_token", origin));

    assertThat(body.get("compressed_prompt").textValue()).isEqualTo(context);
    assertThat(body.get("origin_tokens").intValue()).isEqualTo(origin);
  }

  @Test
  void targetToken_replacesRateByTargetOverOrigin() {
    String context = String.join(" ", CONTEXTS);
    int origin = Tokens.cl100k(context);
    int target = origin / 3;

    JsonNode byTarget =
        lingua(Json.object().put("context", context).put("rate", 0.9).put("target_token", target));
    JsonNode byRate =
        lingua(Json.object().put("context", context).put("rate", (double) target / origin));

    assertThat(byTarget.get("compressed_prompt")).isEqualTo(byRate.get("compressed_prompt"));
    assertThat(byTarget.get("compressed_tokens").intValue()).isLessThan(origin);
    assertFigures(byTarget, List.of(context));
  }

  @Test
  void forceTokens_keepAWordTheRateWouldDrop() {
    String context = String.join(" ", CONTEXTS);
    ObjectNode request = Json.object().put("context", context).put("rate", 0.2);
    String dropped =
        firstDroppedWord(context, lingua(request).get("compressed_prompt").textValue());

    request.putArray("force_tokens").add(dropped);
    String kept = lingua(request).get("compressed_prompt").textValue();

    assertThat(List.of(kept.split("\\s+", -1))).contains(dropped);
  }

  @Test
  void model_isEchoedButCountingStaysCl100k() {
    String context = CONTEXTS.getFirst() + " \u4f1a\u8bae\u7eaa\u8981";

    JsonNode body = lingua(Json.object().put("context", context).put("model", "gpt-4o"));

    assertThat(body.get("model").textValue()).isEqualTo("gpt-4o");
    assertThat(body.get("tokenizer").textValue()).isEqualTo("cl100k_base");
    assertThat(body.get("origin_tokens").intValue()).isEqualTo(Tokens.cl100k(context));
  }

  /** Counts, ratio, rate and saving, recomputed from the contexts and the compressed list. */
  private static void assertFigures(JsonNode body, List<String> contexts) {
    int origin = contexts.stream().mapToInt(Tokens::cl100k).sum();
    int compressed =
        strings(body.get("compressed_prompt_list")).stream().mapToInt(Tokens::cl100k).sum();
    assertThat(body.get("origin_tokens").intValue()).isEqualTo(origin);
    assertThat(body.get("compressed_tokens").intValue()).isEqualTo(compressed);

    String ratio = body.get("ratio").textValue();
    String rate = body.get("rate").textValue();
    String saving = body.get("saving").textValue();
    assertThat(ratio).matches("\\d+\\.\\dx");
    assertThat(rate).matches("\\d+\\.\\d%");
    assertThat(saving).matches(", Saving \\$\\d+\\.\\d in GPT-4\\.");
    double exact = (double) origin / compressed;
    assertThat(ratio).isEqualTo(pythonFixed1(exact) + "x");
    assertThat(Double.parseDouble(ratio.substring(0, ratio.length() - 1)))
        .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.05 + 1e-9));
    assertThat(rate).isEqualTo(pythonFixed1(1 / exact * 100) + "%");
    assertThat(saving)
        .isEqualTo(", Saving $" + pythonFixed1((origin - compressed) * 0.06 / 1000) + " in GPT-4.");
  }

  /** Python's {@code format(x, ".1f")}: the exact binary value rounded half to even. */
  private static String pythonFixed1(double value) {
    return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String firstDroppedWord(String input, String output) {
    List<String> kept = List.of(output.split("\\s+", -1));
    for (String word : input.split("\\s+", -1)) {
      if (word.matches("[a-z]{4,}") && !kept.contains(word)) {
        return word;
      }
    }
    throw new AssertionError("rate 0.2 dropped no plain word from: " + output);
  }

  @Test
  void contextWithStructure_keepsItVerbatimAndCompressesOnlyItsProse() {
    String code = "```python\nfor item in items:   \n    print(item)\n```";
    String context =
        CONTEXTS.get(0)
            + "\n"
            + code
            + "\n<nocompress>Quote this exactly, word for word.</nocompress>\n"
            + CONTEXTS.get(1);

    JsonNode body = lingua(Json.object().put("context", context).put("rate", 0.3));

    String compressed = body.get("compressed_prompt").textValue();
    assertThat(compressed)
        .contains(code)
        .contains("\nQuote this exactly, word for word.\n")
        .doesNotContain("nocompress");
    assertThat(compressed.length()).isLessThan(context.length() - 200);
    assertFigures(body, List.of(context));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    ((ArrayNode) array).forEach(item -> values.add(item.textValue()));
    return values;
  }

  private static JsonNode lingua(ObjectNode request) {
    Reply reply = SERVER.post("/v1/compress", Json.write(request));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json();
  }
}
