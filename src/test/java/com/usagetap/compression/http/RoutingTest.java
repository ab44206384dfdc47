package com.usagetap.compression.http;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths and methods the origin answers, and how it answers the ones it does not serve. */
class RoutingTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  static final String PROSE = "Please summarise the attached meeting notes for the board.";

  static Stream<Arguments> publicPostRoutes() {
    return Stream.of(
        Arguments.of("/compress", "{\"text\":\"" + PROSE + "\"}"),
        Arguments.of("/v1/compress", "{\"context\":\"" + PROSE + "\"}"),
        Arguments.of(
            "/v1/messages/compress",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROSE + "\"}]}"),
        Arguments.of("/tokens/estimate", "{\"text\":\"" + PROSE + "\"}"));
  }

  @Test
  void health_get_reportsOkWithServiceVersionAndTheCompressorThatRuns() {
    Reply health = SERVER.get("/health");
    Reply compress = SERVER.post("/compress", "{\"text\":\"" + PROSE + "\"}");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("json"));
    JsonNode body = health.json();
    assertThat(body.get("status").textValue()).isEqualTo("ok");
    assertThat(body.get("service").textValue()).isEqualTo("origin");
    assertThat(body.get("version").textValue()).isNotBlank();
    assertThat(body.get("compressor").textValue())
        .isEqualTo(compress.json().get("compressor").textValue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publicPostRoutes")
  void publicPostRoute_validBody_answers200JsonWithRequestId(String route, String body) {
    Reply reply = SERVER.post(route, body);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().isObject()).isTrue();
    assertThat(reply.json().get("model").textValue()).isEqualTo("gpt-4o");
    assertThat(reply.header("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /",
    "GET, /nope",
    "POST, /compress/v2",
    "POST, /v1",
    "GET, /v1/messages",
    "DELETE, /tokens",
    "GET, /docs/index.html",
    "GET, /docs/swagger-initializer.js"
  })
  void unknownPath_anyMethod_is404NotFoundEnvelope(String method, String path) {
    Reply reply = SERVER.send(SERVER.request(path).method(method, BodyPublishers.noBody()).build());

    assertError(reply, 404, "not_found");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /compress, POST",
    "PUT, /compress, POST",
    "DELETE, /v1/compress, POST",
    "PATCH, /v1/messages/compress, POST",
    "OPTIONS, /tokens/estimate, POST",
    "POST, /health, GET",
    "DELETE, /openapi.json, GET",
    "PUT, /docs, GET",
    "POST, /metrics, GET"
  })
  void knownPath_wrongMethod_is405WithAllowNamingTheServedMethod(
      String method, String path, String allow) {
    Reply reply = SERVER.send(SERVER.request(path).method(method, BodyPublishers.noBody()).build());

    assertError(reply, 405, "method_not_allowed");
    assertThat(reply.header("Allow")).contains(allow);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "TRACE, /health, GET",
    "TRACE, /compress, POST",
    "QUERY, /tokens/estimate, POST",
    "BREW, /v1/compress, POST"
  })
  void methodWithoutOwnHandler_onKnownPath_is405NotUnknownRoute404(
      String method, String path, String allow) {
    Reply reply = SERVER.send(SERVER.request(path).method(method, BodyPublishers.noBody()).build());

    assertError(reply, 405, "method_not_allowed");
    assertThat(reply.header("Allow")).contains(allow);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/compress/",
        "//compress",
        "/Compress",
        "/COMPRESS",
        "/compres%73",
        "/%63ompress",
        "/compress%2F",
        "/./compress",
        "/v1//compress",
        "/v1/compress/"
      })
  void compressPathVariant_isNotTheRoute_answers404(String variant) {
    Reply reply =
        SERVER.post(variant, "{\"text\":\"" + PROSE + "\",\"context\":\"" + PROSE + "\"}");

    assertError(reply, 404, "not_found");
  }
}
