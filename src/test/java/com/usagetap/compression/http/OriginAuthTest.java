package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.config.OriginAuthSettings;
import com.usagetap.compression.config.SharedSecret;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.LogCapture;
import com.usagetap.compression.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ORIGIN_SHARED_SECRET}: every request but {@code GET /health} needs {@code X-Origin-Auth},
 * a wrong value is refused everywhere, and the break-glass switch serves requests without the
 * header while still refusing a wrong one.
 */
class OriginAuthTest {
  private static final String SECRET = "test-secret-" + "0123456789abcdef".repeat(2);
  private static final String NEXT_SECRET = "next-secret-" + "fedcba9876543210".repeat(2);

  @RegisterExtension
  static final LiveServer GUARDED = LiveServer.with(s -> s.withAuth(auth(false)));

  @RegisterExtension
  static final LiveServer BREAK_GLASS = LiveServer.with(s -> s.withAuth(auth(true)));

  @RegisterExtension
  static final LiveServer ROTATING =
      LiveServer.with(
          s ->
              s.withAuth(
                  new OriginAuthSettings(
                      Optional.of(SharedSecret.of("ORIGIN_SHARED_SECRET", NEXT_SECRET)),
                      Optional.of(SharedSecret.of("ORIGIN_SHARED_SECRET_PREVIOUS", SECRET)),
                      false)));

  private static OriginAuthSettings auth(boolean allowUnauthenticated) {
    return OriginAuthSettings.of(
        SharedSecret.of("ORIGIN_SHARED_SECRET", SECRET), allowUnauthenticated);
  }

  private static Reply estimate(LiveServer server, String... headers) {
    HttpRequest.Builder request =
        server
            .request("/tokens/estimate")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"text\":\"hello\"}"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request.build());
  }

  @Test
  void withTheSecret_requestIsServed() {
    Reply reply = estimate(GUARDED, "X-Origin-Auth", SECRET);

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void withoutTheHeader_requestIs401InTheEnvelope() {
    Reply reply = estimate(GUARDED, "X-Request-ID", "no-auth-1");

    assertThat(reply.status()).isEqualTo(401);
    JsonNode body = reply.json();
    assertThat(body.get("error").textValue()).isEqualTo("unauthorized");
    assertThat(body.get("message").textValue()).isEqualTo("This origin requires X-Origin-Auth.");
    assertThat(body.get("request_id").textValue()).isEqualTo("no-auth-1");
    assertThat(reply.header("X-Request-ID")).contains("no-auth-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wrong",
        "test-secret-0123456789abcdef0123456789abcdeF",
        "test-secret-0123456789abcdef0123456789abcdef0",
        "test-secret-0123456789abcdef0123456789abcde"
      })
  void wrongSecret_isRefusedWithoutRepeatingEitherValue(String sent) {
    Reply reply = estimate(GUARDED, "X-Origin-Auth", sent);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("error").textValue()).isEqualTo("unauthorized");
    assertThat(reply.text()).doesNotContain(SECRET).doesNotContain(sent);
  }

  @Test
  void secretSentTwice_isRefused_soAProxyAppendedCopyCannotDecide() {
    Reply reply = estimate(GUARDED, "X-Origin-Auth", SECRET, "X-Origin-Auth", SECRET);

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void health_withoutTheHeader_isServed_forCloudRunProbes() {
    assertThat(GUARDED.get("/health").status()).isEqualTo(200);
  }

  @Test
  void health_withAWrongSecret_isRefused_soAStaleEdgeSeesItsProbeFail() {
    Reply reply =
        GUARDED.send(GUARDED.request("/health").header("X-Origin-Auth", "stale").GET().build());

    assertThat(reply.status()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/openapi.json", "/docs", "/no-such-route"})
  void everyOtherRoute_knownOrNot_needsTheSecret(String path) {
    assertThat(GUARDED.get(path).status()).as(path).isEqualTo(401);
    Reply authorised =
        GUARDED.send(GUARDED.request(path).header("X-Origin-Auth", SECRET).GET().build());
    assertThat(authorised.status()).as(path).isIn(200, 404);
  }

  @Test
  void wrongMethod_withoutTheSecret_is401_beforeTheRouteIsDescribed() {
    Reply reply = GUARDED.get("/compress");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("Allow")).isEmpty();
  }

  @Test
  void breakGlass_withoutTheHeader_isServed() {
    assertThat(estimate(BREAK_GLASS).status()).isEqualTo(200);
    assertThat(BREAK_GLASS.get("/metrics").status()).isEqualTo(200);
  }

  @Test
  void breakGlass_withTheSecret_isServed() {
    assertThat(estimate(BREAK_GLASS, "X-Origin-Auth", SECRET).status()).isEqualTo(200);
  }

  @Test
  void breakGlass_withAWrongSecret_isStillRefused() {
    assertThat(estimate(BREAK_GLASS, "X-Origin-Auth", "wrong").status()).isEqualTo(401);
  }

  @Test
  void duringARotation_bothSecretsAreServed_andNoOther() {
    assertThat(estimate(ROTATING, "X-Origin-Auth", NEXT_SECRET).status()).isEqualTo(200);
    assertThat(estimate(ROTATING, "X-Origin-Auth", SECRET).status()).isEqualTo(200);
    assertThat(estimate(ROTATING, "X-Origin-Auth", "wrong").status()).isEqualTo(401);
    assertThat(estimate(ROTATING).status()).isEqualTo(401);
  }

  @Test
  void accessLog_neverHoldsTheSecretOrTheValueSent() {
    String wrong = "wrong-value-" + "9".repeat(30);
    try (LogCapture capture = LogCapture.attach()) {
      estimate(GUARDED, "X-Origin-Auth", SECRET, "X-Request-ID", "auth-log-ok");
      estimate(GUARDED, "X-Origin-Auth", wrong, "X-Request-ID", "auth-log-wrong");
      JsonNode ok = capture.awaitAccessLine("auth-log-ok");
      JsonNode refused = capture.awaitAccessLine("auth-log-wrong");

      assertThat(ok.get("status").intValue()).isEqualTo(200);
      assertThat(refused.get("status").intValue()).isEqualTo(401);
      assertThat(refused.get("error").textValue()).isEqualTo("unauthorized");
      assertThat(capture.lines()).noneMatch(line -> line.contains(SECRET) || line.contains(wrong));
    }
  }
}
