package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.config.InferenceSettings;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request whose inference cannot finish within {@code INFERENCE_TIMEOUT_MS} is answered 503
 * {@code overloaded}, in the error envelope, and the service keeps answering.
 */
class OverloadedRouteTest {
  @RegisterExtension
  static final LiveServer SERVER =
      TinyModels.serving(
          TinyModels.METASPACE, new InferenceSettings(1, 1, Duration.ZERO, Duration.ofNanos(1), 1));

  @Test
  void inferencePastItsDeadlineIsOverloadedNotAnError() {
    String text = "One sentence about the council budget and its items. ".repeat(4_000);
    String body = new ObjectMapper().createObjectNode().put("context", text).toString();
    Reply reply = SERVER.post("/v1/compress", body);

    assertThat(reply.status()).isEqualTo(503);
    JsonNode error = reply.json();
    assertThat(error.get("error").asText()).isEqualTo("overloaded");
    assertThat(error.get("request_id").asText())
        .isEqualTo(reply.header("X-Request-ID").orElseThrow());
    assertThat(reply.header("Retry-After")).contains("1");

    assertThat(SERVER.get("/health").status()).isEqualTo(200);
    Reply estimate = SERVER.post("/tokens/estimate", "{\"text\": \"still answering\"}");
    assertThat(estimate.status()).isEqualTo(200);
  }
}
