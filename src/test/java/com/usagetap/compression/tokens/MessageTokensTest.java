package com.usagetap.compression.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.tokens.MessageTokens.Count;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class MessageTokensTest {
  private static final Tokenizers TOKENIZERS = new Tokenizers();
  private static final TokenCounter GPT_4O = TOKENIZERS.forModel("gpt-4o");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The chat from OpenAI's "How to count tokens with tiktoken" guide, which reports the prompt
   * tokens its API billed for it: 129 for gpt-4 and gpt-3.5-turbo, 124 for gpt-4o.
   */
  private static final String OPENAI_GUIDE_CHAT =
      """
      [{"role": "system", "content": "You are a helpful, pattern-following assistant that \
      translates corporate jargon into plain English."},
       {"role": "system", "name": "example_user",
        "content": "New synergies will help drive top-line growth."},
       {"role": "system", "name": "example_assistant",
        "content": "Things working well together will increase revenue."},
       {"role": "system", "name": "example_user", "content": "Let's circle back when we have \
      more bandwidth to touch base on opportunities for increased leverage."},
       {"role": "system", "name": "example_assistant",
        "content": "Let's talk later when we're less busy about how to do better."},
       {"role": "user", "content": "This late pivot means we don't have time to boil the ocean \
      for the client deliverable."}]
      """;

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Count count(TokenCounter counter, String messages) {
    return MessageTokens.count(counter, json(messages), null, null);
  }

  @Test
  void count_openAiGuideChat_matchesTheTokensTheApiBilled() {
    assertThat(count(TOKENIZERS.forModel("gpt-4"), OPENAI_GUIDE_CHAT).tokens()).isEqualTo(129);
    assertThat(count(TOKENIZERS.forModel("gpt-3.5-turbo"), OPENAI_GUIDE_CHAT).tokens())
        .isEqualTo(129);
    assertThat(count(GPT_4O, OPENAI_GUIDE_CHAT).tokens()).isEqualTo(124);
    assertThat(count(GPT_4O, OPENAI_GUIDE_CHAT).exact()).isTrue();
  }

  @Test
  void count_oneMessage_isFramingPlusFieldsPlusPriming() {
    Count result = count(GPT_4O, "[{\"role\": \"user\", \"content\": \"Hello there, friend\"}]");

    int expected =
        MessageTokens.PER_MESSAGE
            + GPT_4O.count("user")
            + GPT_4O.count("Hello there, friend")
            + MessageTokens.REPLY_PRIMING;
    assertThat(result.tokens()).isEqualTo(expected);
    assertThat(MessageTokens.PER_MESSAGE).isEqualTo(3);
    assertThat(MessageTokens.REPLY_PRIMING).isEqualTo(3);
  }

  @Test
  void count_nameField_costsItsTokensPlusOne() {
    String plain = "[{\"role\": \"user\", \"content\": \"hi\"}]";
    String named = "[{\"role\": \"user\", \"name\": \"example_user\", \"content\": \"hi\"}]";

    int difference = count(GPT_4O, named).tokens() - count(GPT_4O, plain).tokens();

    assertThat(difference).isEqualTo(GPT_4O.count("example_user") + 1);
  }

  @Test
  void count_textParts_areCountedAsTextAndStayExact() {
    String parts =
        "[{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Hello there\"},"
            + " {\"type\": \"text\", \"text\": \"again\"}]}]";

    Count result = count(GPT_4O, parts);

    assertThat(result.tokens())
        .isEqualTo(
            3 + GPT_4O.count("user") + GPT_4O.count("Hello there") + GPT_4O.count("again") + 3);
    assertThat(result.exact()).isTrue();
  }

  @Test
  void count_nonTextPart_isCountedByItsJsonAndNotExact() {
    String image =
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}";
    String messages = "[{\"role\": \"user\", \"content\": [" + image + "]}]";

    Count result = count(GPT_4O, messages);

    assertThat(result.exact()).isFalse();
    assertThat(result.tokens()).isEqualTo(3 + GPT_4O.count("user") + GPT_4O.count(image) + 3);
  }

  @Test
  void count_toolCallsAndTools_makeTheCountNotExact() {
    String calls =
        "[{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\"}]}]";
    String plain = "[{\"role\": \"user\", \"content\": \"hi\"}]";

    assertThat(count(GPT_4O, calls).exact()).isFalse();
    assertThat(MessageTokens.count(GPT_4O, json(plain), null, json("[{\"type\": \"function\"}]")))
        .satisfies(c -> assertThat(c.exact()).isFalse())
        .satisfies(
            c ->
                assertThat(c.tokens())
                    .isEqualTo(
                        count(GPT_4O, plain).tokens() + GPT_4O.count("[{\"type\":\"function\"}]")));
  }

  @Test
  void count_topLevelSystem_isOneMoreMessage() {
    String messages = "[{\"role\": \"user\", \"content\": \"hi\"}]";
    JsonNode system = json("\"You are terse.\"");

    Count with = MessageTokens.count(GPT_4O, json(messages), system, null);

    assertThat(with.tokens())
        .isEqualTo(count(GPT_4O, messages).tokens() + 3 + GPT_4O.count("You are terse."));
    assertThat(with.exact()).isTrue();
  }

  @Test
  void count_approximateCounter_isNeverExact() {
    Count result =
        count(
            TOKENIZERS.forModel("claude-3-5-sonnet"),
            "[{\"role\": \"user\", \"content\": \"hi\"}]");

    assertThat(result.exact()).isFalse();
  }
}
