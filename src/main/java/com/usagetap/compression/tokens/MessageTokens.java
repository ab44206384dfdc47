package com.usagetap.compression.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Counts the tokens of a chat request the way OpenAI documents it for its chat models: every
 * message costs {@value #PER_MESSAGE} tokens of framing plus the tokens of its string fields (role,
 * content, name, ...), a {@code name} field one more, and the reply is primed with {@value
 * #REPLY_PRIMING} tokens.
 *
 * <p>What the published rule does not cover is counted by its JSON text with the same tokenizer,
 * and the count is then reported as not exact: content parts other than text (images, audio, tool
 * blocks), {@code tool_calls}, and tool definitions. An Anthropic top-level {@code system} is
 * counted as one more message.
 */
public final class MessageTokens {
  public static final int PER_MESSAGE = 3;
  public static final int PER_NAME = 1;
  public static final int REPLY_PRIMING = 3;

  private final TokenCounter counter;
  private int tokens;
  private boolean exact;

  private MessageTokens(TokenCounter counter) {
    this.counter = counter;
    this.exact = counter.exact();
  }

  /** The count of a whole request, and whether the published rule covered all of it. */
  public record Count(int tokens, boolean exact) {}

  /**
   * Counts a request.
   *
   * @param messages the {@code messages} array
   * @param system the Anthropic top-level {@code system} (string or blocks), or null
   * @param tools tool definitions ({@code tools}), or null
   */
  public static Count count(
      TokenCounter counter, JsonNode messages, JsonNode system, JsonNode tools) {
    MessageTokens total = new MessageTokens(counter);
    if (system != null && !system.isNull()) {
      total.tokens += PER_MESSAGE;
      total.addContent(system);
    }
    for (JsonNode message : messages) {
      total.addMessage(message);
    }
    if (tools != null && !tools.isNull()) {
      total.addJson(tools);
    }
    total.tokens += REPLY_PRIMING;
    return new Count(total.tokens, total.exact);
  }

  private void addMessage(JsonNode message) {
    tokens += PER_MESSAGE;
    if (!message.isObject()) {
      addJson(message);
      return;
    }
    for (Map.Entry<String, JsonNode> field : message.properties()) {
      JsonNode value = field.getValue();
      if (field.getKey().equals("content")) {
        addContent(value);
      } else if (value.isTextual()) {
        tokens += counter.count(value.textValue());
        if (field.getKey().equals("name")) {
          tokens += PER_NAME;
        }
      } else if (!value.isNull()) {
        addJson(value);
      }
    }
  }

  private void addContent(JsonNode content) {
    if (content.isTextual()) {
      tokens += counter.count(content.textValue());
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        JsonNode text = part.get("text");
        if (isTextPart(part) && text != null && text.isTextual()) {
          tokens += counter.count(text.textValue());
        } else {
          addJson(part);
        }
      }
    } else if (!content.isNull()) {
      addJson(content);
    }
  }

  private void addJson(JsonNode value) {
    exact = false;
    tokens += counter.count(value.toString());
  }

  private static boolean isTextPart(JsonNode part) {
    JsonNode type = part.get("type");
    return type != null && type.isTextual() && type.textValue().equals("text");
  }
}
