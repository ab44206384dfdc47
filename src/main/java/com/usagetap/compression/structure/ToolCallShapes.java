package com.usagetap.compression.structure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises the JSON shapes in which LLM APIs write tool and function calls and their results.
 *
 * <p>An object is a tool exchange when it has any of these shapes (members not named are free):
 *
 * <ul>
 *   <li>a function call: {@code name} a string and {@code arguments} a string or an object (OpenAI
 *       function calls, and the Responses API's {@code "type": "function_call"} items);
 *   <li>{@code tool_calls} an array (an OpenAI assistant message that calls tools);
 *   <li>{@code function} a function call (an entry of {@code tool_calls});
 *   <li>{@code function_call} a function call (an OpenAI message in the older functions API);
 *   <li>{@code type} {@code "tool_use"} with {@code id} and {@code name} strings and {@code input}
 *       an object (an Anthropic tool use block);
 *   <li>{@code type} {@code "tool_result"} with {@code tool_use_id} a string (an Anthropic tool
 *       result block);
 *   <li>{@code role} {@code "tool"} with {@code tool_call_id} a string (an OpenAI tool message);
 *   <li>{@code type} {@code "function_call_output"} with {@code call_id} a string (a Responses API
 *       tool result).
 * </ul>
 *
 * <p>An array is a tool exchange when one of its elements is: a list of calls or result blocks, and
 * a transcript or content list in which a tool is called or answered, whose other messages or
 * blocks belong with that exchange. No other value is. A tool definition ({@code "function":
 * {"name": ..., "parameters": ...}}) is not an exchange: it has no {@code arguments}.
 */
final class ToolCallShapes {
  private ToolCallShapes() {}

  /** Whether {@code value} is a tool exchange, as the class comment defines it. */
  static boolean isToolExchange(JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (isToolExchange(element)) {
          return true;
        }
      }
      return false;
    }
    return value.isObject() && isToolObject(value);
  }

  private static boolean isToolObject(JsonNode object) {
    return isFunctionCall(object)
        || object.path("tool_calls").isArray()
        || isFunctionCall(object.path("function"))
        || isFunctionCall(object.path("function_call"))
        || isToolUse(object)
        || isResult(object, "type", "tool_result", "tool_use_id")
        || isResult(object, "role", "tool", "tool_call_id")
        || isResult(object, "type", "function_call_output", "call_id");
  }

  private static boolean isFunctionCall(JsonNode node) {
    JsonNode arguments = node.path("arguments");
    return node.path("name").isTextual() && (arguments.isTextual() || arguments.isObject());
  }

  private static boolean isToolUse(JsonNode object) {
    return hasString(object, "type", "tool_use")
        && object.path("id").isTextual()
        && object.path("name").isTextual()
        && object.path("input").isObject();
  }

  /** Whether {@code object} has {@code marker} set to {@code value} and a string {@code id}. */
  private static boolean isResult(JsonNode object, String marker, String value, String id) {
    return hasString(object, marker, value) && object.path(id).isTextual();
  }

  private static boolean hasString(JsonNode object, String name, String expected) {
    return expected.equals(object.path(name).textValue());
  }
}
