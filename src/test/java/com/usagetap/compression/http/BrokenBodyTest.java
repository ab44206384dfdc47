package com.usagetap.compression.http;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.LogCapture;
import com.usagetap.compression.testing.RawHttp;
import com.usagetap.compression.testing.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A body that breaks off or breaks its framing is the client's fault: {@code 400 bad_request},
 * never a 500 with a stack trace in the log, and one request line as for any other exchange.
 */
class BrokenBodyTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String MESSAGE = "The request body could not be read completely.";

  static Stream<Arguments> brokenBodies() {
    return Stream.of(
        Arguments.of("shorter than its Content-Length", "Content-Length: 100\r\n", "{\"text\":"),
        Arguments.of("chunk size not hex", "Transfer-Encoding: chunked\r\n", "zz\r\n"),
        Arguments.of("chunk cut short", "Transfer-Encoding: chunked\r\n", "10\r\n{\"te"));
  }

  private static byte[] request(String id, String framing, String body) {
    String request =
        "POST /compress HTTP/1.1\r\n"
            + "Host: origin.test\r\n"
            + "Content-Type: application/json\r\n"
            + "X-Request-ID: "
            + id
            + "\r\n"
            + framing
            + "\r\n"
            + body;
    return request.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBodies")
  void brokenBody_thenEndOfStream_is400BadRequestWithoutAnErrorLine(
      String fault, String framing, String body) throws Exception {
    String id = "broken-" + fault.replace(' ', '-');
    Reply reply;
    List<String> lines;
    try (LogCapture capture = LogCapture.attach()) {
      reply = RawHttp.send(SERVER.port(), request(id, framing, body), true).reply();
      lines = awaitRequestLine(capture, id);
    }

    JsonNode envelope = assertError(reply, 400, "bad_request");
    assertThat(envelope.get("message").textValue()).isEqualTo(MESSAGE);
    assertThat(envelope.get("request_id").textValue()).isEqualTo(id);
    assertNoErrorLine(lines);
    assertThat(requestLine(lines, id))
        .hasValueSatisfying(line -> assertThat(line.get("status").intValue()).isEqualTo(400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBodies")
  void brokenBody_clientGone_logsItsRequestLineAndNoError(String fault, String framing, String body)
      throws Exception {
    String id = "gone-" + fault.replace(' ', '-');
    List<String> lines;
    try (LogCapture capture = LogCapture.attach()) {
      RawHttp.sendAndReset(SERVER.port(), request(id, framing, body));
      lines = awaitRequestLine(capture, id);
    }

    assertNoErrorLine(lines);
    assertThat(requestLine(lines, id))
        .hasValueSatisfying(
            line -> assertThat(line.get("error").textValue()).isEqualTo("bad_request"));
  }

  private static void assertNoErrorLine(List<String> lines) {
    assertThat(lines).noneMatch(line -> Json.parse(line).path("severity").asText().equals("ERROR"));
  }

  private static Optional<JsonNode> requestLine(List<String> lines, String id) {
    return lines.stream()
        .map(Json::parse)
        .filter(entry -> entry.path("logger").asText().equals(AccessLog.LOGGER))
        .filter(entry -> entry.path("request_id").asText().equals(id))
        .findFirst();
  }

  /** The request line is written when the exchange ends, after the client may have gone. */
  private static List<String> awaitRequestLine(LogCapture capture, String id)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (requestLine(capture.lines(), id).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return capture.lines();
  }
}
