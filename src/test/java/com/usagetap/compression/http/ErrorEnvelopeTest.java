package com.usagetap.compression.http;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.config.Settings;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of failure is answered with the same envelope, tied to the request by its id. */
class ErrorEnvelopeTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String OVERSIZED =
      "{\"text\":\"" + "a ".repeat((int) Settings.DEFAULT_MAX_BODY_BYTES / 2) + "\"}";

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("unknown route", get("/nope"), 404, "not_found"),
        Arguments.of("wrong method", get("/compress"), 405, "method_not_allowed"),
        Arguments.of(
            "not JSON", post("text/plain", "{\"text\":\"a\"}"), 415, "unsupported_media_type"),
        Arguments.of("too large", post("application/json", OVERSIZED), 413, "payload_too_large"),
        Arguments.of("malformed", post("application/json", "{\"text\":"), 400, "invalid_json"),
        Arguments.of("bad field", post("application/json", "{\"text\":1}"), 422, "invalid_request"),
        Arguments.of(
            "tenant conflict",
            SERVER
                .request("/compress")
                .header("Content-Type", "application/json")
                .header("X-Tenant-ID", "acme")
                .POST(BodyPublishers.ofString("{\"text\":\"a\",\"tenant_id\":\"other\"}")),
            422,
            "tenant_mismatch"));
  }

  private static HttpRequest.Builder get(String path) {
    return SERVER.request(path).GET();
  }

  private static HttpRequest.Builder post(String contentType, String body) {
    return SERVER
        .request("/compress")
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofString(body));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failure_anyKind_answersExactlyTheEnvelopeWithItsRequestId(
      String kind, HttpRequest.Builder request, int status, String code) {
    Reply reply = SERVER.send(request.build());

    assertError(reply, status, code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failure_withSaneClientRequestId_echoesItInHeaderAndBody(
      String kind, HttpRequest.Builder request, int status, String code) {
    String id = "envelope-" + code + "-" + status;

    Reply reply = SERVER.send(request.header("X-Request-ID", id).build());

    JsonNode body = assertError(reply, status, code);
    assertThat(body.get("request_id").textValue()).isEqualTo(id);
  }

  @Test
  void failures_withoutClientId_getDistinctGeneratedIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ids.add(assertError(SERVER.get("/nope"), 404, "not_found").get("request_id").textValue());
    }

    assertThat(ids).hasSize(5);
  }
}
