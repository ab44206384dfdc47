package com.usagetap.compression.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizersTest {
  private static final Tokenizers TOKENIZERS = new Tokenizers();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4o-2024-08-06",
        "GPT-4o",
        "chatgpt-4o-latest",
        "gpt-4.1",
        "gpt-4.1-nano",
        "gpt-4.5-preview",
        "gpt-5",
        "gpt-5-mini",
        "o1",
        "o1-preview",
        "o3-mini",
        "o4-mini",
        "openai/gpt-4o"
      })
  void forModel_o200kFamilies_areExactO200k(String model) {
    TokenCounter counter = TOKENIZERS.forModel(model);

    assertThat(counter.tokenizer()).isEqualTo("o200k_base");
    assertThat(counter.exact()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gpt-4",
        "gpt-4-turbo",
        "gpt-4-0613",
        "gpt-4-32k",
        "gpt-3.5-turbo",
        "gpt-35-turbo",
        "text-embedding-3-small",
        "text-embedding-ada-002",
        "azure/gpt-4"
      })
  void forModel_cl100kFamilies_areExactCl100k(String model) {
    TokenCounter counter = TOKENIZERS.forModel(model);

    assertThat(counter.tokenizer()).isEqualTo("cl100k_base");
    assertThat(counter.exact()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "claude-3-5-sonnet",
        "llama",
        "llama-3.1-70b",
        "gpt-40",
        "o10",
        "gpt-4x",
        "mistral"
      })
  void forModel_otherModels_areApproximateO200k(String model) {
    TokenCounter counter = TOKENIZERS.forModel(model);

    assertThat(counter.tokenizer()).isEqualTo("o200k_base");
    assertThat(counter.exact()).isFalse();
  }

  @Test
  void forModel_o200kAndCl100k_countDifferently() {
    // Japanese text and digit runs split differently under the two vocabularies.
    String text = "東京タワーは333メートルです。 Lorem ipsum dolor sit amet, 1234567890.";

    assertThat(TOKENIZERS.forModel("gpt-4o").count(text))
        .isNotEqualTo(TOKENIZERS.forModel("gpt-4").count(text));
  }

  @Test
  void cl100k_anyModel_isTheCl100kCounter() {
    assertThat(TOKENIZERS.cl100k().tokenizer()).isEqualTo("cl100k_base");
    assertThat(TOKENIZERS.cl100k().count("hello world"))
        .isEqualTo(TOKENIZERS.forModel("gpt-4").count("hello world"));
  }
}
