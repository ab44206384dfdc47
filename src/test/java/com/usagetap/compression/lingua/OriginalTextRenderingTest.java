package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.compress.LexicalScorer;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.lingua.LinguaCompressor.PromptRequest;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code /compress} takes the model's decisions but builds its output from the original characters:
 * a subsequence of the input, never longer, keeping what the reference's re-detokenization loses.
 */
class OriginalTextRenderingTest {
  static final List<String> MODELS = TinyModels.NAMES;
  private static final List<LinguaCompressor> OPEN = new ArrayList<>();
  private static final TokenCounter CL100K = new Tokenizers().cl100k();

  @BeforeAll
  static void open() {
    for (String name : MODELS) {
      OPEN.add(TinyModels.open(name));
    }
  }

  @AfterAll
  static void close() {
    OPEN.forEach(LinguaCompressor::close);
  }

  private static LinguaCompressor model(String name) {
    return OPEN.get(MODELS.indexOf(name));
  }

  @ParameterizedTest
  @FieldSource("MODELS")
  void everyGoldenTextComesBackAsASubsequenceOfItself(String name) throws IOException {
    TextCompressor compressor = new TextCompressor(new LexicalScorer(), model(name));
    int checked = 0;
    for (JsonNode c : ReferenceParityTest.read(name)) {
      JsonNode input = c.get("input");
      if (!input.get("context").isTextual() || input.path("target_token").asLong(-1) > 0) {
        continue;
      }
      String text = input.get("context").asText();
      double rate = input.path("rate").asDouble(0.5);
      CompressionOptions options =
          new CompressionOptions(
              1 - rate,
              ReferenceParityTest.strings(input.path("force_tokens")),
              List.of(),
              List.of(),
              input.path("force_reserve_digit").asBoolean(false),
              input.path("drop_consecutive").asBoolean(false));
      String output = compressor.compress(text, options, CL100K).text();
      assertThat(isSubsequence(output, text)).as(c.get("id").asText()).isTrue();
      assertThat(output.length()).isLessThanOrEqualTo(text.length());
      if (text.strip().length() > 200 && rate < 1) {
        assertThat(output.length()).as(c.get("id").asText()).isLessThan(text.length());
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
  }

  @ParameterizedTest
  @FieldSource("MODELS")
  void linesAndCharactersTheReferenceLosesAreKept(String name) {
    String text = "Status 𓂀 report:\n\n  - first item 𓃠\n  - second item\n\nThanks — team";
    LinguaCompressor lingua = model(name);
    String reference =
        String.join(
            "",
            lingua
                .compressPrompt(
                    List.of(text), new PromptRequest(0.9, -1, List.of(), false, false, false))
                .compressed());
    // Both characters are outside the tiny vocabularies: the reference drops them as unknown.
    assertThat(reference).doesNotContain("\n").doesNotContain("𓂀").doesNotContain("𓃠");

    TextCompressor compressor = new TextCompressor(new LexicalScorer(), lingua);
    String output =
        compressor
            .compress(
                text,
                new CompressionOptions(0.1, List.of(), List.of(), List.of(), false, false),
                CL100K)
            .text();
    assertThat(isSubsequence(output, text)).isTrue();
    assertThat(output).contains("\n");
    assertThat(output).contains("𓂀").contains("𓃠");
  }

  private static boolean isSubsequence(String part, String whole) {
    int j = 0;
    for (int i = 0; i < whole.length() && j < part.length(); i++) {
      if (whole.charAt(i) == part.charAt(j)) {
        j++;
      }
    }
    return j == part.length();
  }
}
