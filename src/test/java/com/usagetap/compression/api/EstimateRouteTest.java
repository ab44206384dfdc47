package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /tokens/estimate}: token counts of a text or of a chat request, per model. */
class EstimateRouteTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  static final String TEXT = "Estimate me: caf\u00e9, na\u00efve, \u4f1a\u8bae and \uD83D\uDE00!";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gpt-4o, o200k_base, true",
    "gpt-5-mini, o200k_base, true",
    "o3, o200k_base, true",
    "gpt-4, cl100k_base, true",
    "gpt-3.5-turbo-0125, cl100k_base, true",
    "claude-3-opus, o200k_base, false",
    "llama-3-70b, o200k_base, false"
  })
  void text_countedWithTheModelsTokenizer(String model, String tokenizer, boolean exact) {
    JsonNode body = estimate(Json.object().put("text", TEXT).put("model", model));

    int expected = tokenizer.equals("cl100k_base") ? Tokens.cl100k(TEXT) : Tokens.o200k(TEXT);
    assertThat(body.get("tokens").intValue()).isEqualTo(expected);
    assertThat(body.get("model").textValue()).isEqualTo(model);
    assertThat(body.get("tokenizer").textValue()).isEqualTo(tokenizer);
    assertThat(body.get("exact").booleanValue()).isEqualTo(exact);
  }

  @Test
  void text_withoutModel_isCountedForGpt4o() {
    JsonNode body = estimate(Json.object().put("text", TEXT));

    assertThat(body.get("model").textValue()).isEqualTo("gpt-4o");
    assertThat(body.get("tokens").intValue()).isEqualTo(Tokens.o200k(TEXT));
  }

  @Test
  void characters_areCodePoints_soAnEmojiCountsOne() {
    String emoji = "\uD83D\uDE00";

    JsonNode one = estimate(Json.object().put("text", emoji));
    JsonNode mixed = estimate(Json.object().put("text", TEXT));

    assertThat(emoji).hasSize(2);
    assertThat(one.get("characters").intValue()).isEqualTo(1);
    assertThat(mixed.get("characters").intValue())
        .isEqualTo(TEXT.codePointCount(0, TEXT.length()))
        .isLessThan(TEXT.length());
  }

  @Test
  void longText_countMatchesTheWholeTextCount() {
    String text = CompressRouteTest.longText();

    JsonNode body = estimate(Json.object().put("text", text));

    assertThat(text.length()).isGreaterThan(65_536);
    assertThat(body.get("tokens").intValue()).isEqualTo(Tokens.o200k(text));
  }

  @Test
  void messages_costTheirTextPlusPerMessageFraming() {
    String system = "You are terse.";
    String user = "Name three rivers in \u4e2d\u56fd.";
    ObjectNode request = Json.object();
    ArrayNode messages = request.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);

    JsonNode body = estimate(request);

    // OpenAI's published rule: 3 tokens per message, 3 more to prime the reply.
    int framing = 3 * 2 + 3;
    int strings = Tokens.o200k("system") + Tokens.o200k(system) + Tokens.o200k("user");
    assertThat(body.get("tokens").intValue()).isEqualTo(strings + Tokens.o200k(user) + framing);
    assertThat(body.get("exact").booleanValue()).isTrue();
    String all = "system" + system + "user" + user;
    assertThat(body.get("characters").intValue()).isEqualTo(all.codePointCount(0, all.length()));
  }

  @Test
  void messages_withAnImagePart_areNotExact() {
    ObjectNode request = Json.object();
    request
        .putArray("messages")
        .addObject()
        .put("role", "user")
        .putArray("content")
        .add(Json.object().put("type", "text").put("text", "What is this?"))
        .add(Json.parse("{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://e.x/a.png\"}}"));

    JsonNode body = estimate(request);

    assertThat(body.get("exact").booleanValue()).isFalse();
    assertThat(body.get("tokens").intValue()).isGreaterThan(Tokens.o200k("What is this?"));
  }

  @Test
  void messagesAndText_giveTheSameCharactersForTheSameStrings() {
    ObjectNode request = Json.object();
    request.putArray("messages").addObject().put("role", "user").put("content", TEXT);

    JsonNode messages = estimate(request);
    JsonNode text = estimate(Json.object().put("text", "user" + TEXT));

    assertThat(messages.get("characters")).isEqualTo(text.get("characters"));
  }

  private static JsonNode estimate(ObjectNode request) {
    Reply reply = SERVER.post("/tokens/estimate", Json.write(request));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json();
  }
}
