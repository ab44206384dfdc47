package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolCallShapesTest {

  private static boolean isToolExchange(String json) {
    return ToolCallShapes.isToolExchange(EmbeddedJson.parse(json).orElseThrow().value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // OpenAI function call, arguments as the API sends them (a JSON string) or parsed.
        "{\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Paris\\\"}\"}",
        "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}",
        // OpenAI Responses API function call item.
        "{\"type\": \"function_call\", \"call_id\": \"c1\", \"name\": \"f\", \"arguments\":"
            + " \"{}\"}",
        // OpenAI assistant message calling tools.
        "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\"}]}",
        // One entry of tool_calls.
        "{\"id\": \"c1\", \"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\":"
            + " \"{}\"}}",
        // OpenAI functions API message.
        "{\"role\": \"assistant\", \"function_call\": {\"name\": \"f\", \"arguments\": \"{}\"}}",
        // Anthropic content blocks.
        "{\"type\": \"tool_use\", \"id\": \"toolu_1\", \"name\": \"search\", \"input\": {\"q\":"
            + " \"x\"}}",
        "{\"type\": \"tool_result\", \"tool_use_id\": \"toolu_1\", \"content\": \"42\"}",
        // OpenAI tool message and Responses API tool output.
        "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"42\"}",
        "{\"type\": \"function_call_output\", \"call_id\": \"c1\", \"output\": \"42\"}",
        // Arrays of exchanges, nested too.
        "[{\"type\": \"tool_use\", \"id\": \"a\", \"name\": \"f\", \"input\": {}},"
            + " {\"type\": \"tool_result\", \"tool_use_id\": \"a\"}]",
        "[[{\"name\": \"f\", \"arguments\": {}}], {\"name\": \"g\", \"arguments\": \"\"}]",
        // A content list or transcript in which a tool is called or answered.
        "[{\"type\": \"text\", \"text\": \"Let me look.\"}, {\"type\": \"tool_use\", \"id\": \"a\","
            + " \"name\": \"f\", \"input\": {}}]",
        "[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"tool\", \"tool_call_id\":"
            + " \"c\"}]"
      })
  void isToolExchange_knownCallAndResultShapes_areTools(String json) {
    assertThat(isToolExchange(json)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"Ada\", \"age\": 36}",
        "{\"name\": \"f\", \"arguments\": 5}",
        "{\"name\": \"f\", \"arguments\": [\"a\"]}",
        "{\"name\": 7, \"arguments\": \"{}\"}",
        "{\"tool_calls\": \"none\"}",
        // A tool definition, not a call.
        "{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": {}}}",
        "{\"function_call\": \"auto\"}",
        "{\"type\": \"tool_use\", \"name\": \"f\", \"input\": {}}",
        "{\"type\": \"tool_use\", \"id\": \"a\", \"name\": \"f\", \"input\": \"x\"}",
        "{\"type\": \"tool_result\", \"content\": \"42\"}",
        "{\"type\": \"text\", \"text\": \"hello\"}",
        "{\"role\": \"tool\", \"content\": \"42\"}",
        "{\"role\": \"user\", \"tool_call_id\": \"c1\"}",
        "{\"type\": \"function_call_output\", \"output\": \"42\"}",
        // A conversation with no tool message in it.
        "[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\":"
            + " \"yes\"}]",
        "[]",
        "[[]]",
        "[\"tool_use\"]",
        "\"tool_use\"",
        "null"
      })
  void isToolExchange_otherValues_areNotTools(String json) {
    assertThat(isToolExchange(json)).isFalse();
  }
}
