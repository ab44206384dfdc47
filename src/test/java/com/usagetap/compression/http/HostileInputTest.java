package com.usagetap.compression.http;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No client input is answered with a 5xx: every hostile value, in every field of every POST route,
 * gets either a 200 JSON object or a 4xx error envelope.
 */
class HostileInputTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String OK_USER = "{\"role\":\"user\",\"content\":\"Keep this short.\"}";

  /** Hostile JSON values, by label, written as raw JSON text. */
  static final Map<String, String> VALUES = values();

  private static Map<String, String> values() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("huge exponent", "1e999999");
    v.put("huge negative exponent", "-1e999999");
    v.put("exponent beyond int", "1e-99999999999");
    v.put("positive exponent beyond int", "1e99999999999");
    v.put("negative zero", "-0");
    v.put("negative zero float", "-0.0");
    v.put("smallest subnormal", "4.9e-324");
    v.put("long integer", "9".repeat(9_000));
    v.put("integer over the length limit", "9".repeat(10_001));
    v.put("long fraction", "0." + "1".repeat(9_000));
    v.put("NaN literal", "NaN");
    v.put("Infinity literal", "Infinity");
    v.put("hex literal", "0x10");
    v.put("leading zero", "012");
    v.put("null", "null");
    v.put("true", "true");
    v.put("empty array", "[]");
    v.put("empty object", "{}");
    v.put("empty string", "\"\"");
    v.put("only whitespace", "\"  \\t\\n\\r\\n   \\u00a0\\u3000\"");
    v.put("only emoji", "\"\uD83D\uDE00\uD83C\uDF89 \uD83D\uDC4D\uD83C\uDFFD \\ud83d\\ude00\"");
    v.put("only RTL marks", "\"\u200f\u200e\u202e\u2067\u2069\"");
    v.put("only zero-width", "\"\u200b\u200c\u200d\ufeff\u2060\"");
    v.put("combining marks", "\"e\u0301\u0301\u0301\u0301 \u0353\u0353\"");
    v.put("NUL and controls", "\"\\u0000\\u0001\\u001f\\u007f\"");
    v.put("noncharacters", "\"\uffff\ufffe \uDBFF\uDFFF\"");
    v.put("special token text", "\"<|endoftext|> <|im_start|>user<|im_end|>\"");
    v.put("one long word", "\"" + "a".repeat(100_000) + "\"");
    v.put("many newlines", "\"" + "\\n".repeat(20_000) + "\"");
    v.put("many punctuation", "\"" + "!? ".repeat(20_000) + "\"");
    v.put(
        "mixed scripts",
        "\"\u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u0420\u0443\u0441 Eng\"");
    v.put("deep array", "[".repeat(60) + "null" + "]".repeat(60));
    v.put("far too deep", "[".repeat(10_000) + "]".repeat(10_000));
    v.put("10k numbers", array("0", 10_000));
    v.put("10k strings", array("\"x y\"", 10_000));
    v.put("10k nulls", array("null", 10_000));
    v.put("10k objects", array("{}", 10_000));
    v.put("10k user messages", array(OK_USER, 10_000));
    v.put("10k text parts", array("{\"type\":\"text\",\"text\":\"a b\"}", 10_000));
    v.put("nulls object", "{\"role\":null,\"content\":null,\"type\":null,\"text\":null}");
    v.put("array of nulls", "[null,null,{\"role\":null}]");
    return v;
  }

  /** Where a value goes: {@code $} in a body template of one route. */
  static Stream<Arguments> placements() {
    return Stream.of(
        Arguments.of("/compress", "{\"text\":$}"),
        Arguments.of("/compress", "{\"text\":\"ok then\",\"aggressiveness\":$}"),
        Arguments.of("/compress", "{\"text\":\"ok then\",\"compression_settings\":$}"),
        Arguments.of(
            "/compress",
            "{\"text\":\"ok then\",\"compression_settings\":{\"aggressiveness\":$,"
                + "\"force_tokens\":$,\"force_reserve_digit\":$,\"drop_consecutive\":$}}"),
        Arguments.of(
            "/compress",
            "{\"text\":\"ok then\",\"tenant_profile\":{\"force_keep_tokens\":$,"
                + "\"force_drop_phrases\":$,\"default_aggressiveness\":$}}"),
        Arguments.of("/compress", "{\"text\":\"ok then\",\"tenant_profile\":$}"),
        Arguments.of(
            "/compress",
            "{\"text\":\"ok"
                + " then\",\"model\":$,\"tenant_id\":$,\"include_sections\":$,\"debug\":$}"),
        Arguments.of("/v1/compress", "{\"context\":$}"),
        Arguments.of("/v1/compress", "{\"context\":[$,\"ok then\",$]}"),
        Arguments.of(
            "/v1/compress", "{\"context\":[\"a b\",\"c d\"],\"rate\":$,\"target_token\":$}"),
        Arguments.of("/v1/compress", "{\"context\":\"ok then\",\"target_token\":$}"),
        Arguments.of(
            "/v1/compress",
            "{\"context\":\"ok then\",\"force_tokens\":$,\"force_reserve_digit\":$,"
                + "\"drop_consecutive\":$,\"use_context_level_filter\":$}"),
        Arguments.of("/v1/messages/compress", "{\"messages\":$}"),
        Arguments.of("/v1/messages/compress", "{\"messages\":[$]}"),
        Arguments.of("/v1/messages/compress", "{\"messages\":[{\"role\":\"user\",\"content\":$}]}"),
        Arguments.of(
            "/v1/messages/compress", "{\"messages\":[{\"role\":\"user\",\"content\":[$,$]}]}"),
        Arguments.of(
            "/v1/messages/compress",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":$}]}]}"),
        Arguments.of(
            "/v1/messages/compress",
            "{\"messages\":[{\"role\":$,\"content\":\"x\",\"name\":$,\"tool_calls\":$}]}"),
        Arguments.of(
            "/v1/messages/compress",
            "{\"messages\":[" + OK_USER + "],\"system\":$,\"tools\":$,\"aggressiveness\":$}"),
        Arguments.of("/tokens/estimate", "{\"text\":$}"),
        Arguments.of("/tokens/estimate", "{\"messages\":$}"),
        Arguments.of("/tokens/estimate", "{\"messages\":[{\"role\":\"user\",\"content\":$}]}"),
        Arguments.of(
            "/tokens/estimate", "{\"messages\":[" + OK_USER + "],\"system\":$,\"tools\":$}"),
        Arguments.of("/tokens/estimate", "{\"text\":\"ok then\",\"model\":$,\"tenant_id\":$}"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("placements")
  void hostileValue_inAnyField_isAnsweredWithoutServerError(String route, String template) {
    List<String> faults = new ArrayList<>();
    for (Map.Entry<String, String> value : VALUES.entrySet()) {
      Reply reply = SERVER.post(route, template.replace("$", value.getValue()));
      String fault = fault(route, reply);
      if (fault != null) {
        faults.add(value.getKey() + ": " + fault);
      }
    }

    assertThat(faults).isEmpty();
  }

  static Stream<String> routes() {
    return Stream.of("/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void hostileWholeBody_isAnsweredWithoutServerError(String route) {
    List<String> faults = new ArrayList<>();
    for (Map.Entry<String, String> value : VALUES.entrySet()) {
      String fault = fault(route, SERVER.post(route, value.getValue()));
      if (fault != null) {
        faults.add(value.getKey() + ": " + fault);
      }
    }
    String nullsEverywhere =
        "{\"text\":null,\"context\":null,\"messages\":null,\"system\":null,\"tools\":null,"
            + "\"aggressiveness\":null,\"rate\":null,\"target_token\":null,\"model\":null,"
            + "\"tenant_id\":null,\"tenant_profile\":null,\"compression_settings\":null}";
    String manyKeys = manyKeys(20_000);
    for (String body :
        List.of(nullsEverywhere, manyKeys, "\uFEFF{\"text\":\"a\"}", "{\"\":\"\"}")) {
      String fault = fault(route, SERVER.post(route, body));
      if (fault != null) {
        faults.add(body.substring(0, Math.min(40, body.length())) + ": " + fault);
      }
    }

    assertThat(faults).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/compress, 1e-99999999999",
    "/compress, 1e99999999999",
    "/v1/compress, -2E+99999999999",
    "/v1/messages/compress, 1e-99999999999",
    "/tokens/estimate, 1e99999999999"
  })
  void numberWithExponentBeyondIntRange_is400InvalidJsonNotInternalError(
      String route, String number) {
    Reply reply = SERVER.post(route, "{\"text\":\"a\",\"note\":" + number + "}");

    assertError(reply, 400, "invalid_json");
  }

  /** Why a reply breaks the contract for client input, or null when it does not. */
  private static String fault(String route, Reply reply) {
    if (reply.status() >= 500) {
      return reply.toString();
    }
    JsonNode body;
    try {
      body = reply.json();
    } catch (AssertionError e) {
      return "not JSON: " + reply;
    }
    if (reply.status() != 200) {
      return body.path("error").isTextual() && body.path("request_id").isTextual()
          ? null
          : "no error envelope: " + reply;
    }
    if (route.equals("/compress")) {
      return compressFault(body);
    }
    return body.isObject() ? null : "not an object: " + reply;
  }

  private static String compressFault(JsonNode body) {
    if (body.get("compressed_tokens").intValue() > body.get("original_tokens").intValue()) {
      return "output has more tokens than the input: " + Json.write(body);
    }
    return null;
  }

  /** Additionally, /compress output must be drawn from its input. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("textValues")
  void hostileText_compressedText_isASubsequenceOfTheInput(String label, String value) {
    Reply reply = SERVER.post("/compress", "{\"text\":" + value + ",\"aggressiveness\":0.9}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    String input = Json.parse("[" + value + "]").get(0).textValue();
    assertThat(Texts.isSubsequence(reply.json().get("compressed_text").textValue(), input))
        .isTrue();
  }

  static Stream<Arguments> textValues() {
    return VALUES.entrySet().stream()
        .filter(e -> e.getValue().startsWith("\""))
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  private static String array(String item, int count) {
    return "[" + String.join(",", java.util.Collections.nCopies(count, item)) + "]";
  }

  private static String manyKeys(int count) {
    StringBuilder body = new StringBuilder("{\"text\":\"a b\",\"context\":\"a\"");
    for (int i = 0; i < count; i++) {
      body.append(",\"k").append(i).append("\":null");
    }
    return body.append('}').toString();
  }
}
