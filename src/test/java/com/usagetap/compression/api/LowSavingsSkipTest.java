package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.api.LowSavingsSkip.Reason;
import com.usagetap.compression.config.SkipSettings;
import com.usagetap.compression.testing.Fields;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The low-savings skip's decision, held to the rule as written for both runtimes: the reasons in
 * their order, each minimum exact at its boundary, the double product for the expected savings,
 * what counts as prose, which chat texts are user texts, and a reference that counts every token.
 */
class LowSavingsSkipTest {
  static final TokenCounter COUNTER = new Tokenizers().forModel("gpt-4o");
  static final LowSavingsSkip DEFAULTS = new LowSavingsSkip(new SkipSettings(true, 240, 80, 25));

  /** 100 tokens of prose, 499 characters: " word" is one token. */
  static final String PROSE_100 = "word" + " word".repeat(99);

  /** One word of 300 digits: o200k_base takes digits three at a time, so 100 tokens. */
  static final String DIGITS_300 = "0123456789".repeat(30);

  static Optional<Reason> decide(LowSavingsSkip rule, double aggressiveness, String... texts) {
    return rule.decide(List.of(texts), aggressiveness, COUNTER);
  }

  static LowSavingsSkip only(int minChars, int minTokens, int minSavings) {
    return new LowSavingsSkip(new SkipSettings(true, minChars, minTokens, minSavings));
  }

  @Test
  void texts_haveTheCountsTheBoundaryTestsRelyOn() {
    assertThat(COUNTER.count(PROSE_100)).isEqualTo(100);
    assertThat(COUNTER.count(DIGITS_300)).isEqualTo(100);
  }

  @Test
  void decide_switchedOff_neverSkips() {
    LowSavingsSkip off = new LowSavingsSkip(SkipSettings.defaults());

    assertThat(off.decide(List.of(), 0.5, COUNTER)).isEmpty();
    assertThat(decide(off, 0, "")).isEmpty();
    assertThat(decide(off, 0.5, "hi")).isEmpty();
  }

  @Test
  void decide_eachReason_inTheOrderTheRuleChecksThem() {
    assertThat(DEFAULTS.decide(List.of(), 0, COUNTER)).contains(Reason.NO_USER_TEXT);
    assertThat(decide(DEFAULTS, 0, "", "")).contains(Reason.EMPTY_TEXT);
    assertThat(decide(DEFAULTS, 0, "hi", PROSE_100)).contains(Reason.ZERO_AGGRESSIVENESS);
    assertThat(decide(DEFAULTS, -0.0, PROSE_100)).contains(Reason.ZERO_AGGRESSIVENESS);
    assertThat(decide(DEFAULTS, 0.5, "", "Short, but not empty.")).contains(Reason.BELOW_MIN_CHARS);
    assertThat(decide(DEFAULTS, 0.5, "information ".repeat(25)))
        .as("300 characters of prose in 26 tokens")
        .contains(Reason.BELOW_MIN_TOKENS);
    assertThat(decide(DEFAULTS, 0.1, PROSE_100))
        .as("0.1 x 100 tokens is 10")
        .contains(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    assertThat(decide(DEFAULTS, 0.9, DIGITS_300))
        .as("one word has no prose, so nothing is expected")
        .contains(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    assertThat(decide(DEFAULTS, 0.5, PROSE_100)).isEmpty();
  }

  @Test
  void decide_labels_areFixedWordsForTheLog() {
    assertThat(List.of(Reason.values()))
        .extracting(Reason::label)
        .containsExactly(
            "no_user_text",
            "empty_text",
            "zero_aggressiveness",
            "below_min_chars",
            "below_min_tokens",
            "below_min_expected_savings");
  }

  @Test
  void minChars_exactlyReachedIsNotASkip_oneShortIs_countedInCodePoints() {
    String emoji = "\uD83D\uDE00";
    LowSavingsSkip rule = only(240, 0, 0);

    assertThat(decide(rule, 0.5, "x".repeat(240))).isEmpty();
    assertThat(decide(rule, 0.5, "x".repeat(239))).contains(Reason.BELOW_MIN_CHARS);
    assertThat(decide(rule, 0.5, "x".repeat(100), emoji.repeat(140))).isEmpty();
    assertThat(decide(rule, 0.5, "x".repeat(100), emoji.repeat(139)))
        .as("239 code points in 378 UTF-16 units")
        .contains(Reason.BELOW_MIN_CHARS);
  }

  @Test
  void minTokens_exactlyReachedIsNotASkip_oneShortIs_summedOverTexts() {
    assertThat(decide(only(0, 200, 0), 0.5, PROSE_100, DIGITS_300)).isEmpty();
    assertThat(decide(only(0, 201, 0), 0.5, PROSE_100, DIGITS_300))
        .contains(Reason.BELOW_MIN_TOKENS);
    assertThat(decide(only(0, 100, 0), 0.5, DIGITS_300)).isEmpty();
    assertThat(decide(only(0, 101, 0), 0.5, DIGITS_300)).contains(Reason.BELOW_MIN_TOKENS);
  }

  @Test
  void minSavings_exactlyReachedIsNotASkip_oneShortIs_countingOnlyTextsWithProse() {
    assertThat(decide(only(0, 0, 50), 0.5, PROSE_100)).isEmpty();
    assertThat(decide(only(0, 0, 51), 0.5, PROSE_100)).contains(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    assertThat(decide(only(0, 0, 51), 0.5, PROSE_100, DIGITS_300))
        .as("the digits have no prose")
        .contains(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    assertThat(decide(only(0, 0, 100), 0.5, PROSE_100, "{" + DIGITS_300)).isEmpty();
  }

  @Test
  void minSavings_comparesTheUnroundedDoubleProduct() {
    // 0.57 x 100 and 0.29 x 100 are 57 and 29 in decimals, but a little less in doubles.
    assertThat(0.57 * 100).isLessThan(57);
    assertThat(0.29 * 100).isLessThan(29);

    assertThat(decide(only(0, 0, 57), 0.57, PROSE_100)).contains(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    assertThat(decide(only(0, 0, 56), 0.57, PROSE_100)).isEmpty();
    assertThat(decide(only(0, 0, 29), 0.29, PROSE_100)).contains(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    assertThat(decide(only(0, 0, 28), 0.29, PROSE_100)).isEmpty();
  }

  @Test
  void proseTokensNeeded_isTheLeastCountWhoseProductReachesTheMinimum() {
    Random random = new Random(20261203L);
    for (int i = 0; i < 20_000; i++) {
      double aggressiveness = i % 10 == 0 ? 0.01 * (1 + random.nextInt(90)) : random.nextDouble();
      if (aggressiveness == 0) {
        continue;
      }
      int minSavings = random.nextInt(i % 3 == 0 ? 100 : 100_000_000);

      long needed = LowSavingsSkip.proseTokensNeeded(aggressiveness, minSavings);

      assertThat(aggressiveness * needed).isGreaterThanOrEqualTo(minSavings);
      if (needed > 0) {
        assertThat(aggressiveness * (needed - 1)).isLessThan(minSavings);
      }
    }
    assertThat(LowSavingsSkip.proseTokensNeeded(Double.MIN_VALUE, 25)).isEqualTo(Long.MAX_VALUE);
    assertThat(LowSavingsSkip.proseTokensNeeded(Double.MIN_VALUE, 0)).isZero();
  }

  @Test
  void decide_agreesWithCountingEveryToken_onRandomRequests() {
    Random random = new Random(7L);
    String[] pieces = {
      "word",
      " word",
      " the",
      "\n",
      "\t",
      " ",
      "{",
      "[",
      "42",
      "0123456789",
      "Zürich",
      "\u00a0",
      "\uD83D\uDE00",
      "x".repeat(60)
    };
    Set<Optional<Reason>> outcomes = new HashSet<>();
    for (int sample = 0; sample < 3_000; sample++) {
      List<String> texts = new ArrayList<>();
      int count = random.nextInt(4);
      for (int t = 0; t < count; t++) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(3) == 0 ? random.nextInt(3) : random.nextInt(120);
        for (int p = 0; p < length; p++) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        texts.add(text.toString());
      }
      double aggressiveness = random.nextInt(8) == 0 ? 0 : 0.05 * random.nextInt(19);
      SkipSettings settings =
          new SkipSettings(true, random.nextInt(400), random.nextInt(200), random.nextInt(60));

      Optional<Reason> expected = reference(texts, aggressiveness, settings);
      assertThat(new LowSavingsSkip(settings).decide(texts, aggressiveness, COUNTER))
          .as("%s at %s with %s", texts, aggressiveness, settings)
          .isEqualTo(expected);
      outcomes.add(expected);
    }

    assertThat(outcomes).as("every outcome was sampled").hasSize(Reason.values().length + 1);
  }

  /** The rule as written, every figure counted in full. */
  private static Optional<Reason> reference(
      List<String> texts, double aggressiveness, SkipSettings settings) {
    long chars = 0;
    long tokens = 0;
    long proseTokens = 0;
    for (String text : texts) {
      chars += text.codePointCount(0, text.length());
      tokens += COUNTER.count(text);
      if (LowSavingsSkip.hasProse(text)) {
        proseTokens += COUNTER.count(text);
      }
    }
    if (texts.isEmpty()) {
      return Optional.of(Reason.NO_USER_TEXT);
    }
    if (texts.stream().allMatch(String::isEmpty)) {
      return Optional.of(Reason.EMPTY_TEXT);
    }
    if (aggressiveness == 0) {
      return Optional.of(Reason.ZERO_AGGRESSIVENESS);
    }
    if (chars < settings.minTextChars()) {
      return Optional.of(Reason.BELOW_MIN_CHARS);
    }
    if (tokens < settings.minEstimatedTokens()) {
      return Optional.of(Reason.BELOW_MIN_TOKENS);
    }
    if (aggressiveness * proseTokens < settings.minExpectedSavingsTokens()) {
      return Optional.of(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    }
    return Optional.empty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "two words",
        " two\twords ",
        "a\nb",
        "a\u000Bb",
        "a\fb",
        "a\rb",
        "{",
        "x{y",
        "[1]",
        "key:[value]"
      })
  void hasProse_twoWordsOrAnOpeningBracket_isProse(String text) {
    assertThat(LowSavingsSkip.hasProse(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        " \t\n\u000B\f\r ",
        "word",
        "  word  ",
        "\n\nword\t",
        "a\u00A0b",
        "a\u2003b",
        "a\u0085b",
        "}]",
        "\uD83D\uDE00\uD83D\uDE00"
      })
  void hasProse_oneWordWithoutOpeningBrackets_isNotProse(String text) {
    assertThat(LowSavingsSkip.hasProse(text)).isFalse();
  }

  @Test
  void hasProse_aLongSingleWord_isNotProse_unlessItHoldsABrace() {
    String word = "abcdefghij".repeat(30);

    assertThat(LowSavingsSkip.hasProse(word)).isFalse();
    assertThat(LowSavingsSkip.hasProse("  " + word + "\n")).isFalse();
    assertThat(LowSavingsSkip.hasProse(word + "{")).isTrue();
  }

  @Test
  void userTexts_areUserStringsAndStringTextParts_inOrder() {
    FieldReader fields =
        Fields.reader(
            """
            {"system": "top-level system",
             "messages": [
               {"role": "system", "content": "system message"},
               {"role": "developer", "content": [{"type": "text", "text": "developer part"}]},
               {"role": "user", "content": "first"},
               {"role": "assistant", "content": "assistant reply"},
               {"role": "tool", "content": "tool output", "tool_call_id": "c1"},
               {"role": "User", "content": "not the user role"},
               {"role": "user", "content": null},
               {"role": "user", "content": [
                 {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
                 {"type": "text", "text": "second"},
                 {"type": "Text", "text": "not a text part"},
                 {"type": "x_note", "text": 7},
                 {"type": "tool_result", "tool_use_id": "t1",
                  "content": [{"type": "text", "text": "nested in a tool result"}]},
                 {"type": "text", "text": ""}
               ]},
               {"role": "user", "content": []}
             ]}
            """);
    ChatRequest chat = ChatRequest.read(fields).orElseThrow();

    assertThat(Fields.errors(fields)).isEmpty();
    assertThat(chat.userTexts()).containsExactly("first", "second", "");
  }

  @Test
  void userTexts_noUserMessage_isEmpty() {
    FieldReader fields =
        Fields.reader(
            """
            {"messages": [{"role": "system", "content": "only a system prompt"},
                          {"role": "assistant", "content": "and a reply"}]}
            """);

    assertThat(ChatRequest.read(fields).orElseThrow().userTexts()).isEmpty();
  }
}
