package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.usagetap.compression.http.JsonCodec;
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
      }
    }
    JsonNode system = fields.raw("system");
    if (system != null && !system.isTextual() && !system.isArray()) {
      fields.fail("system", "must be a string or an array of blocks");
      valid = false;
    }
    return valid
        ? Optional.of(new ChatRequest((ArrayNode) messages, system, fields.raw("tools")))
        : Optional.empty();
  }

  /** Code points of all string content: message fields, system and tools. */
  long characters() {
    return EstimateEndpoint.stringCharacters(messages)
        + EstimateEndpoint.stringCharacters(system)
        + EstimateEndpoint.stringCharacters(tools);
  }
}
