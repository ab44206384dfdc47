package com.usagetap.compression.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Corpus;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.LogCapture;
import com.usagetap.compression.testing.Reply;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request log under real prompts: the whole corpus goes through every route, successful and
 * refused, while every log line is captured; the lines must be structured, one per request, and
 * free of any of the prompts' text.
 */
class AccessLogCorpusTest {
  static final String ACCESS_LOGGER = "com.usagetap.compression.access";
  static final int MIN_FRAGMENT = 24;

  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  /** What each request got, by the request id it was sent with. */
  record Sent(String route, Reply reply) {}

  static final Map<String, Sent> SENT = new LinkedHashMap<>();
  static final Set<String> FRAGMENTS = new LinkedHashSet<>();
  static List<String> lines = List.of();

  @BeforeAll
  static void runTheCorpusWhileCapturingTheLog() throws InterruptedException {
    Corpus.assumePresent();
    try (LogCapture capture = LogCapture.attach()) {
      for (Path file : Corpus.files("text")) {
        String text = Corpus.read(file);
        addLines(text);
        send("/compress", Json.object().put("text", text).put("aggressiveness", 0.5));
        send("/v1/compress", Json.object().put("context", text));
        send("/tokens/estimate", Json.object().put("text", text).put("tenant_id", "t-1"));
        sendRaw("/compress", "text/plain", text);
      }
      for (Path file : Corpus.files("messages")) {
        String raw = Corpus.read(file);
        JsonNode request = Json.parse(raw);
        addStrings(request);
        ObjectNode compress = ((ObjectNode) request).deepCopy().put("aggressiveness", 0.5);
        send("/v1/messages/compress", compress);
        send("/tokens/estimate", (ObjectNode) request);
        send("/v1/messages/compress", compress.deepCopy().put("aggressiveness", 2));
        sendRaw("/v1/messages/compress", "application/json", raw.substring(0, raw.length() / 2));
      }
      for (Path file : Corpus.files("json")) {
        String text = Corpus.read(file);
        addLines(text);
        send("/tokens/estimate", Json.object().put("text", text));
        send("/compress", Json.object().put("text", text));
      }
      lines = awaitAccessLines(capture);
    }
  }

  @Test
  void everyLine_isAJsonObject_andAccessLinesCarryIdRouteStatusAndElapsed() {
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode entry = Json.parse(line);
      assertThat(entry.isObject()).as(line).isTrue();
      assertThat(entry.path("severity").isTextual()).as(line).isTrue();
      if (isAccess(entry)) {
        assertThat(entry.path("request_id").isTextual()).as(line).isTrue();
        assertThat(entry.path("route").isTextual()).as(line).isTrue();
        assertThat(entry.path("status").isIntegralNumber()).as(line).isTrue();
        assertThat(entry.path("elapsed_ms").isNumber()).as(line).isTrue();
        assertThat(entry.path("elapsed_ms").doubleValue()).as(line).isNotNegative();
      }
    }
  }

  @Test
  void accessLog_hasExactlyOneLinePerRequest_withItsRouteAndStatus() {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    List<String> repeated = new ArrayList<>();
    for (String line : lines) {
      JsonNode entry = Json.parse(line);
      if (isAccess(entry) && byId.put(entry.get("request_id").textValue(), entry) != null) {
        repeated.add(entry.get("request_id").textValue());
      }
    }

    assertThat(repeated).isEmpty();
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(SENT.keySet());
    for (Map.Entry<String, Sent> sent : SENT.entrySet()) {
      JsonNode entry = byId.get(sent.getKey());
      assertThat(entry.get("route").textValue()).isEqualTo(sent.getValue().route());
      assertThat(entry.get("status").intValue()).isEqualTo(sent.getValue().reply().status());
    }
  }

  @Test
  void compressAccessLines_reportTheResponsesTokenCounts() {
    int checked = 0;
    for (String line : lines) {
      JsonNode entry = Json.parse(line);
      Sent sent = isAccess(entry) ? SENT.get(entry.get("request_id").textValue()) : null;
      if (sent == null || !sent.route().equals("/compress") || sent.reply().status() != 200) {
        continue;
      }
      JsonNode body = sent.reply().json();
      assertThat(entry.get("tokens_in")).isEqualTo(body.get("original_tokens"));
      assertThat(entry.get("tokens_out")).isEqualTo(body.get("compressed_tokens"));
      checked++;
    }

    assertThat(checked).isPositive();
  }

  @Test
  void noLogLine_containsAnyCorpusText() {
    List<String> searchable = new ArrayList<>();
    for (String line : lines) {
      searchable.add(line);
      collectStrings(Json.parse(line), searchable);
    }

    List<String> leaked = new ArrayList<>();
    for (String fragment : FRAGMENTS) {
      if (searchable.stream().anyMatch(text -> text.contains(fragment))) {
        leaked.add(fragment);
      }
    }

    assertThat(FRAGMENTS).hasSizeGreaterThan(1_000);
    assertThat(leaked).isEmpty();
  }

  private static void send(String route, ObjectNode body) {
    String id = "log-safety-" + SENT.size();
    Reply reply =
        SERVER.send(
            SERVER
                .request(route)
                .header("Content-Type", "application/json")
                .header("X-Request-ID", id)
                .POST(BodyPublishers.ofString(Json.write(body)))
                .build());
    SENT.put(id, new Sent(route, reply));
  }

  private static void sendRaw(String route, String contentType, String body) {
    String id = "log-safety-" + SENT.size();
    Reply reply =
        SERVER.send(
            SERVER
                .request(route)
                .header("Content-Type", contentType)
                .header("X-Request-ID", id)
                .POST(BodyPublishers.ofString(body))
                .build());
    SENT.put(id, new Sent(route, reply));
  }

  /** Waits until every request has its access line; the line is written as the exchange ends. */
  private static List<String> awaitAccessLines(LogCapture capture) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<String> captured = capture.lines();
      Set<String> logged = new LinkedHashSet<>();
      for (String line : captured) {
        if (line.contains(ACCESS_LOGGER)) {
          logged.add(Json.parse(line).path("request_id").asText());
        }
      }
      if (logged.containsAll(SENT.keySet()) || System.nanoTime() > deadline) {
        return captured;
      }
      Thread.sleep(20);
    }
  }

  private static boolean isAccess(JsonNode entry) {
    return ACCESS_LOGGER.equals(entry.path("logger").textValue());
  }

  private static void addLines(String text) {
    text.lines().map(String::strip).filter(l -> l.length() >= MIN_FRAGMENT).forEach(FRAGMENTS::add);
  }

  private static void addStrings(JsonNode node) {
    List<String> strings = new ArrayList<>();
    collectStrings(node, strings);
    strings.forEach(AccessLogCorpusTest::addLines);
  }

  private static void collectStrings(JsonNode node, List<String> into) {
    if (node.isTextual()) {
      into.add(node.textValue());
    }
    for (JsonNode child : node) {
      collectStrings(child, into);
    }
  }
}
