package com.usagetap.compression.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Corpus;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.JsonSpans;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Texts;
import com.usagetap.compression.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpus of real prompts through its route at aggressiveness 0.5: a 200
 * with strict JSON, the same bytes on a second call, and strictly fewer tokens than the input.
 */
class CorpusRoutesTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  static Stream<Named<Path>> textFiles() {
    return named(Corpus.files("text"));
  }

  static Stream<Named<Path>> messageFiles() {
    return named(Corpus.files("messages"));
  }

  static Stream<Named<Path>> jsonFiles() {
    return named(Corpus.files("json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFiles")
  void textFile_throughCompress_isDeterministicAndSmaller(Path file) {
    Corpus.assumePresent();
    String text = Corpus.read(file);

    JsonNode body =
        twiceIdentical("/compress", Json.object().put("text", text).put("aggressiveness", 0.5))
            .json();

    String output = body.get("compressed_text").textValue();
    assertThat(body.get("original_tokens").intValue())
        .isEqualTo(Tokens.o200k(text))
        .isGreaterThan(body.get("compressed_tokens").intValue());
    assertThat(body.get("compressed_tokens").intValue()).isEqualTo(Tokens.o200k(output));
    assertThat(Texts.isSubsequence(output, text)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageFiles")
  void messagesFile_throughMessagesCompress_isDeterministicSmallerAndKeepsNonUserMessages(
      Path file) {
    Corpus.assumePresent();
    ObjectNode request = (ObjectNode) Json.parse(Corpus.read(file));
    request.put("aggressiveness", 0.5);

    Reply reply = twiceIdentical("/v1/messages/compress", request);
    JsonNode body = reply.json();

    assertThat(body.get("original_tokens").intValue())
        .isGreaterThan(body.get("compressed_tokens").intValue());
    List<byte[]> returned = JsonSpans.elements(reply.body(), "messages");
    JsonNode sent = request.get("messages");
    assertThat(returned).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      if (!sent.get(i).get("role").textValue().equals("user")) {
        assertThat(Json.parse(returned.get(i))).as("message %d", i).isEqualTo(sent.get(i));
        assertThat(new String(returned.get(i), StandardCharsets.UTF_8))
            .as("bytes of message %d", i)
            .isEqualTo(Json.write(sent.get(i)));
      }
    }
    if (request.has("system")) {
      assertThat(new String(JsonSpans.field(reply.body(), "system"), StandardCharsets.UTF_8))
          .isEqualTo(Json.write(request.get("system")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonFiles")
  void jsonFile_asEstimateText_isCountedExactly(Path file) {
    Corpus.assumePresent();
    String text = Corpus.read(file);

    JsonNode body = twiceIdentical("/tokens/estimate", Json.object().put("text", text)).json();

    assertThat(body.get("tokens").intValue()).isEqualTo(Tokens.o200k(text));
    assertThat(body.get("characters").intValue()).isEqualTo(text.codePointCount(0, text.length()));
    assertThat(body.get("exact").booleanValue()).isTrue();
  }

  @Test
  void allTextFilesAsOnePrompt_areCountedAsTheWholeTextIs() {
    Corpus.assumePresent();
    String all =
        Corpus.files("text").stream().map(Corpus::read).collect(Collectors.joining("\n\n"));

    JsonNode compress = twiceIdentical("/compress", Json.object().put("text", all)).json();
    JsonNode estimate =
        twiceIdentical("/tokens/estimate", Json.object().put("text", all).put("model", "gpt-4"))
            .json();

    assertThat(all.length()).isGreaterThan(65_536);
    assertThat(compress.get("original_tokens").intValue()).isEqualTo(Tokens.o200k(all));
    assertThat(estimate.get("tokens").intValue()).isEqualTo(Tokens.cl100k(all));
  }

  /** Posts the request twice; asserts a 200 with strict JSON and identical bytes both times. */
  private static Reply twiceIdentical(String route, ObjectNode request) {
    String json = Json.write(request);
    Reply first = SERVER.post(route, json);
    Reply second = SERVER.post(route, json);
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(second.body()).as("second answer").isEqualTo(first.body());
    assertThat(first.json().isObject()).isTrue();
    return first;
  }

  private static Stream<Named<Path>> named(List<Path> files) {
    return files.stream().map(file -> Named.of(file.getFileName().toString(), file));
  }
}
