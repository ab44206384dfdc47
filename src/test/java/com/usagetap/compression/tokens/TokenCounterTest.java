package com.usagetap.compression.tokens;

import static org.assertj.core.api.Assertions.assertThat;

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
}
