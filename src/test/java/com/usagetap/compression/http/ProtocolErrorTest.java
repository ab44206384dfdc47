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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Jetty refuses before any route runs get the contract's envelope, never Jetty's HTML
 * page: {@code bad_request} at 400, or at the protocol status that names the fault.
 */
class ProtocolErrorTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String HOST = "Host: origin.test\r\n";

  static Stream<Arguments> malformedRequests() {
    return Stream.of(
        Arguments.of("percent-encoded byte that is not UTF-8", get("/%ff"), 400),
        Arguments.of("percent-encoded NUL", get("/%00"), 400),
        Arguments.of("header block over 8 KB", get("/health", "X-Big: " + "a".repeat(9_000)), 431),
        Arguments.of("URI over 8 KB", get("/" + "a".repeat(9_000)), 414),
        Arguments.of("CONNECT without Host", "CONNECT origin.test:443 HTTP/1.1\r\n\r\n", 400),
        Arguments.of("CONNECT to a path", "CONNECT /compress HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("Content-Length not a number", post("Content-Length: abc\r\n", ""), 400),
        Arguments.of(
            "two Content-Lengths", post("Content-Length: 2\r\nContent-Length: 3\r\n", "{}"), 400),
        Arguments.of(
            "Transfer-Encoding with Content-Length",
            post("Content-Length: 7\r\nTransfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"),
            400),
        Arguments.of(
            "an expectation other than 100-continue",
            post("Expect: nonsense\r\nContent-Length: 2\r\n", "{}"),
            417),
        Arguments.of("no Host", "GET /health HTTP/1.1\r\n\r\n", 400),
        Arguments.of("two Hosts", "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        Arguments.of("control character in a header value", get("/health", "X-A: a\u0001b"), 400),
        Arguments.of("folded header", get("/health", "X-A: a\r\n b"), 400),
        Arguments.of("unknown HTTP version", "GET /health HTTP/9.9\r\n" + HOST + "\r\n", 400),
        Arguments.of("HTTP/0.9 request line", "GET /health\r\n\r\n", 400),
        Arguments.of("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426),
        Arguments.of("HTTP/2.0 request line", "GET /health HTTP/2.0\r\n" + HOST + "\r\n", 426));
  }

  private static String get(String target, String... headers) {
    StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n" + HOST);
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  private static String post(String framing, String body) {
    return "POST /compress HTTP/1.1\r\n"
        + HOST
        + "Content-Type: application/json\r\n"
        + framing
        + "\r\n"
        + body;
  }

  private static Reply send(String request) {
    return RawHttp.send(SERVER.port(), request.getBytes(StandardCharsets.ISO_8859_1), false)
        .reply();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRequests")
  void malformedRequest_refusedByJetty_isAnsweredWithTheJsonEnvelope(
      String fault, String request, int status) {
    Reply reply = send(request);

    JsonNode body = assertError(reply, status, "bad_request");
    assertThat(reply.text()).doesNotContain("<html", "/health", "%ff", "/compress");
    assertThat(RequestIds.isSane(body.get("request_id").textValue())).isTrue();
  }

  @Test
  void badHttpVersion_isAClientFault_answered400Not505() {
    assertThat(send("GET /health HTTP/1.2\r\n" + HOST + "\r\n").status()).isEqualTo(400);
  }

  @Test
  void saneClientRequestId_readBeforeTheFault_isEchoedInHeaderAndBody() {
    Reply reply = send(get("/%ff", "X-Request-ID: proto-client-1"));

    JsonNode body = assertError(reply, 400, "bad_request");
    assertThat(body.get("request_id").textValue()).isEqualTo("proto-client-1");
  }

  @Test
  void insaneClientRequestId_isReplacedByAFreshOne() {
    Reply reply = send(get("/%ff", "X-Request-ID: has space"));

    JsonNode body = assertError(reply, 400, "bad_request");
    assertThat(body.get("request_id").textValue()).isNotEqualTo("has space");
  }

  @Test
  void headRequest_refusedByJetty_carriesTheRequestIdWithoutABody() {
    Reply reply = send("HEAD /%ff HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("X-Request-ID")).hasValueSatisfying(RequestIds::isSane);
    assertThat(reply.body()).isEmpty();
  }

  @Test
  void refusedRequest_writesOneRequestLine_andNoJettyLineQuotingTheClient() throws Exception {
    List<String> lines;
    try (LogCapture capture = LogCapture.attach()) {
      send("GET /health HTTP/1.1\r\nHost: quoted-a\r\nHost: quoted-b\r\n\r\n");
      lines = awaitRequestLine(capture);
    }

    assertThat(lines).noneMatch(line -> line.contains("quoted-"));
    List<JsonNode> requests =
        lines.stream()
            .map(Json::parse)
            .filter(entry -> entry.path("logger").asText().equals(AccessLog.LOGGER))
            .toList();
    assertThat(requests).hasSize(1);
    assertThat(requests.getFirst().get("status").intValue()).isEqualTo(400);
    assertThat(requests.getFirst().get("error").textValue()).isEqualTo("bad_request");
    assertThat(requests.getFirst().get("route").textValue()).isEqualTo("unmatched");
  }

  /** The request line is written once the response is; wait for it rather than sleep. */
  private static List<String> awaitRequestLine(LogCapture capture) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (capture.lines().stream().noneMatch(line -> line.contains(AccessLog.LOGGER))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return capture.lines();
  }
}
