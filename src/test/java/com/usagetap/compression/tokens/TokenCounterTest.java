package com.usagetap.compression.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
  private static final Tokenizers TOKENIZERS = new Tokenizers();

  @Test
  void count_specialTokenLookAlike_isOrdinaryTextOfSeveralTokens() {
    for (TokenCounter counter :
        new TokenCounter[] {TOKENIZERS.forModel("gpt-4o"), TOKENIZERS.cl100k()}) {
      int alone = counter.count("<|endoftext|>");

      assertThat(alone)
          .as(counter.tokenizer())
          .isGreaterThan(1)
          .isEqualTo(counter.encoding().encodeOrdinary("<|endoftext|>").size());
      assertThat(counter.count("a <|endoftext|> b <|im_start|>")).isGreaterThan(alone);
    }
  }

  @Test
  void count_emptyText_isZero() {
    assertThat(TOKENIZERS.forModel("gpt-4o").count("")).isZero();
  }

  @Test
  void count_knownText_matchesTheEncoding() {
    TokenCounter counter = TOKENIZERS.forModel("gpt-4o");

    assertThat(counter.count("hello world"))
        .isEqualTo(counter.encoding().encodeOrdinary("hello world").size())
        .isEqualTo(2);
  }

  @Test
  void countUpTo_belowTheLimitIsExact_atOrAboveItIsBetweenTheLimitAndTheCount() {
    TokenCounter counter = TOKENIZERS.forModel("gpt-4o");
    String text = "one two three four five six seven eight nine ten";
    int exact = counter.count(text);

    assertThat(exact).isEqualTo(10);
    assertThat(counter.countUpTo(text, 11)).isEqualTo(10);
    assertThat(counter.countUpTo(text, Integer.MAX_VALUE)).isEqualTo(10);
    for (int limit = 0; limit <= exact; limit++) {
      assertThat(counter.countUpTo(text, limit)).as("limit %d", limit).isBetween(limit, exact);
    }
    assertThat(counter.countUpTo(text, 3)).as("stops after three words").isEqualTo(3);
    assertThat(counter.countUpTo("", 5)).isZero();
  }

  /** Characters that stress the segment cuts: every kind of whitespace next to visible text. */
  private static final String ALPHABET =
      "ab Z9 .,'\n\t\r\u00a0\u2009\u3000\u0085\u200b\u00e9\u4e2d\ud83d\ude00-_/$";

  @Test
  void count_randomTextOfEveryWhitespaceKind_equalsTheWholeTextCount() {
    Random random = new Random(20261203L);
    for (TokenCounter counter : List.of(TOKENIZERS.forModel("gpt-4o"), TOKENIZERS.cl100k())) {
      for (int sample = 0; sample < 300; sample++) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(400);
        while (text.length() < length) {
          int at = random.nextInt(ALPHABET.length());
          char c = ALPHABET.charAt(at);
          if (Character.isHighSurrogate(c)) {
            text.append(c).append(ALPHABET.charAt(at + 1));
          } else if (!Character.isLowSurrogate(c)) {
            text.append(random.nextInt(4) == 0 ? " " : String.valueOf(c));
          }
        }
        String value = text.toString();

        int exact = counter.encoding().countTokensOrdinary(value);
        int limit = random.nextInt(exact + 2);
        assertThat(counter.count(value))
            .as("%s on %s", counter.tokenizer(), value)
            .isEqualTo(exact);
        int capped = counter.countUpTo(value, limit);
        if (exact < limit) {
          assertThat(capped)
              .as("%s up to %d on %s", counter.tokenizer(), limit, value)
              .isEqualTo(exact);
        } else {
          assertThat(capped)
              .as("%s up to %d on %s", counter.tokenizer(), limit, value)
              .isBetween(limit, exact);
        }
      }
    }
  }

  @Test
  void count_everyCorpusText_equalsTheWholeTextCount() throws IOException {
    Path corpus = Path.of(System.getProperty("shared.dir", "../shared"), "corpus");
    Assumptions.assumeTrue(
        Files.isDirectory(corpus), corpus + " is absent: this test reads the shared corpus");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (TokenCounter counter : List.of(TOKENIZERS.forModel("gpt-4o"), TOKENIZERS.cl100k())) {
      for (Path file : files) {
        String text = Files.readString(file);

        assertThat(counter.count(text))
            .as("%s on %s", counter.tokenizer(), file.getFileName())
            .isEqualTo(counter.encoding().countTokensOrdinary(text));
      }
    }
  }
}
