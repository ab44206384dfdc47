package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for rule lists that made matching quadratic, each at the full size of the
 * request that found it (larger than the API now accepts, so the bound holds without the limits).
 *
 * <p>The timeouts bound complexity; they are not benchmarks. Matching that compares each rule at
 * each position took 24 s for the drop phrases here and minutes for the keep strings; linear
 * matching takes tens of milliseconds. Five seconds leaves two orders of magnitude for a slow or
 * busy machine and still fails the moment the cost grows with text length times rule length.
 */
class PhraseRulesCostTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final TokenCounter COUNTER = new Tokenizers().forModel("gpt-4o");

  @Test
  void excludeDropPhrases_adversarialRepetitiveText_staysFast() {
    Words words = WordSegmenter.segment("a ".repeat(100_000));
    List<String> phrases = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      phrases.add("a ".repeat(489) + "b" + i);
    }

    int dropped =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                PhraseRules.compile(List.of(), phrases)
                    .excludeDropPhrases(words, new boolean[words.size()]));

    assertThat(dropped).isZero();
  }

  @Test
  void excludeDropPhrases_phrasesMatchingEverywhere_staysFast() {
    Words words = WordSegmenter.segment("a ".repeat(100_000));
    List<String> phrases = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      phrases.add("a ".repeat(i * 4));
    }

    int dropped =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                PhraseRules.compile(List.of(), phrases)
                    .excludeDropPhrases(words, new boolean[words.size()]));

    assertThat(dropped).isEqualTo(100_000);
  }

  @Test
  void requireOccurrences_repetitiveNeedlesOnRepetitiveText_staysFast() {
    ScoredText scored = unscored("a".repeat(500_000));
    List<String> needles = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      needles.add("a".repeat(989) + i);
    }

    assertTimeoutPreemptively(
        BOUND, () -> PhraseRules.compile(needles, List.of()).requireOccurrences(scored));

    assertThat(scored.isRequired(0)).isFalse();
  }

  @Test
  void requireOccurrences_needlesOccurringEverywhere_staysFast() {
    ScoredText scored = unscored("a ".repeat(250_000));
    List<String> needles = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      needles.add("a ".repeat(i) + "a");
    }

    assertTimeoutPreemptively(
        BOUND, () -> PhraseRules.compile(needles, List.of()).requireOccurrences(scored));

    int required = 0;
    for (int i = 0; i < scored.words().size(); i++) {
      required += scored.isRequired(i) ? 1 : 0;
    }
    assertThat(required).isEqualTo(250_000);
  }

  @Test
  void compress_largestListsOverTenThousandTexts_compilesThemOnce() {
    // The largest lists the API takes, applied to as many contexts as /v1/compress takes: the
    // rules are compiled when the options are made, not again for every text.
    List<String> forceTokens = new ArrayList<>();
    List<String> keepTokens = new ArrayList<>();
    List<String> dropPhrases = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      forceTokens.add("f" + i + "x".repeat(190));
      keepTokens.add("k" + i + "y".repeat(190));
      dropPhrases.add(("w" + i + " ").repeat(32).strip());
    }
    TextCompressor compressor = new TextCompressor(new LexicalScorer());

    int kept =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              CompressionOptions options =
                  new CompressionOptions(0.5, forceTokens, keepTokens, dropPhrases, false, false);
              int words = 0;
              for (int i = 0; i < 10_000; i++) {
                String text = "w7 ".repeat(32) + "the report for week " + i + " is late";
                words += compressor.compress(text, options, COUNTER).keptWords();
              }
              return words;
            });

    assertThat(kept).isPositive();
  }

  private static ScoredText unscored(String text) {
    Words words = WordSegmenter.segment(text);
    return new ScoredText(words, new float[words.size()], new boolean[words.size()]);
  }
}
