package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.usagetap.compression.http.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat-shaped part of a request: OpenAI Chat Completions ({@code messages} with roles system,
 * developer, user, assistant, tool) or Anthropic Messages (the same plus a top-level {@code
 * system}). Only the shape that every provider requires is checked: a non-empty array of objects
 * with a string {@code role}. The rest is the provider's business and passes through.
 *
 * @param messages the {@code messages} array as sent
 * @param system the top-level {@code system}, or null
 * @param tools the top-level {@code tools}, or null
 */
record ChatRequest(ArrayNode messages, JsonNode system, JsonNode tools) {
  static final int MAX_MESSAGES = 10_000;

  /** Reads and checks {@code messages}; failures go to {@code fields}. */
  static Optional<ChatRequest> read(FieldReader fields) {
    JsonNode messages = fields.raw("messages");
    if (messages == null) {
      fields.fail("messages", "is required");
      return Optional.empty();
    }
    if (!messages.isArray()) {
      fields.fail("messages", "must be an array, not " + JsonCodec.kind(messages));
      return Optional.empty();
    }
    if (messages.isEmpty()) {
      fields.fail("messages", "must contain at least one message");
      return Optional.empty();
    }
    if (messages.size() > MAX_MESSAGES) {
      fields.fail("messages", "must have at most " + MAX_MESSAGES + " messages");
      return Optional.empty();
    }
    boolean valid = true;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject()) {
        fields.fail("messages[" + i + "]", "must be an object, not " + JsonCodec.kind(message));
        valid = false;
      } else if (message.get("role") == null || !message.get("role").isTextual()) {
        fields.fail("messages[" + i + "].role", "is required and must be a string");
        valid = false;
      } else if ("user".equals(message.get("role").textValue())) {
        valid &= checkUserContent(fields, "messages[" + i + "].content", message.get("content"));
      }
    }
    JsonNode system = fields.raw("system");
    if (system != null && !system.isTextual() && !system.isArray()) {
      fields.fail("system", "must be a string or an array of blocks");
      valid = false;
    } else if (system != null && system.isArray()) {
      for (int i = 0; i < system.size(); i++) {
        if (!system.get(i).isObject()) {
          fields.fail(
              "system[" + i + "]", "must be an object, not " + JsonCodec.kind(system.get(i)));
          valid = false;
        }
      }
    }
    return valid
        ? Optional.of(new ChatRequest((ArrayNode) messages, system, fields.raw("tools")))
        : Optional.empty();
  }

  /**
   * User content is what this service rewrites, so its shape is checked as both providers define
   * it: a string, null, or an array of part objects with a string {@code type}, where a {@code
   * text} part has a string {@code text}. Other roles pass through unchecked.
   */
  private static boolean checkUserContent(FieldReader fields, String path, JsonNode content) {
    if (content == null || content.isNull() || content.isTextual()) {
      return true;
    }
    if (!content.isArray()) {
      fields.fail(
          path, "must be a string, null or an array of parts, not " + JsonCodec.kind(content));
      return false;
    }
    boolean valid = true;
    for (int p = 0; p < content.size(); p++) {
      JsonNode part = content.get(p);
      String partPath = path + "[" + p + "]";
      JsonNode type = part.get("type");
      if (!part.isObject()) {
        fields.fail(partPath, "must be an object, not " + JsonCodec.kind(part));
        valid = false;
      } else if (type == null || !type.isTextual()) {
        fields.fail(partPath + ".type", "is required and must be a string");
        valid = false;
      } else if (type.textValue().equals("text")
          && (part.get("text") == null || !part.get("text").isTextual())) {
        fields.fail(partPath + ".text", "is required and must be a string in a text part");
        valid = false;
      }
    }
    return valid;
  }

  /**
   * The user texts, the only text this service rewrites, in message and part order: the string
   * {@code content} of each message whose role is exactly {@code user}, and the {@code text} of
   * each text part (see {@link #isTextPart}) of such a message's content array. Other roles, the
   * top-level {@code system}, other parts and {@code null} content give none.
   */
  List<String> userTexts() {
    List<String> texts = new ArrayList<>();
    for (JsonNode message : messages) {
      if (!"user".equals(message.get("role").textValue())) {
        continue;
      }
      JsonNode content = message.get("content");
      if (content != null && content.isTextual()) {
        texts.add(content.textValue());
      } else if (content != null && content.isArray()) {
        for (JsonNode part : content) {
          if (isTextPart(part)) {
            texts.add(part.get("text").textValue());
          }
        }
      }
    }
    return texts;
  }

  /** A content part of {@code type} exactly {@code text} with a string {@code text}. */
  static boolean isTextPart(JsonNode part) {
    JsonNode type = part.get("type");
    JsonNode text = part.get("text");
    return part.isObject()
        && type != null
        && "text".equals(type.textValue())
        && text != null
        && text.isTextual();
  }

  /** Code points of all string content: message fields, system and tools. */
  long characters() {
    return EstimateEndpoint.stringCharacters(messages)
        + EstimateEndpoint.stringCharacters(system)
        + EstimateEndpoint.stringCharacters(tools);
  }
}
