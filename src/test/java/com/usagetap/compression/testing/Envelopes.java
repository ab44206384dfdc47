package com.usagetap.compression.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the one error envelope every failure is answered with. */
public final class Envelopes {
  private Envelopes() {}

  /**
   * Checks that {@code reply} is the envelope for {@code code} at {@code status}: JSON with exactly
   * {@code error}, {@code message}, {@code request_id} (and {@code details} for {@code
   * invalid_request}), and an {@code X-Request-ID} header equal to the body's request id.
   *
   * @return the parsed body, for further checks
   */
  public static JsonNode assertError(Reply reply, int status, String code) {
    assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = reply.json();
    List<String> expected = new ArrayList<>(List.of("error", "message", "request_id"));
    if (code.equals("invalid_request")) {
      expected.add("details");
    }
    assertThat(fieldNames(body))
        .as("envelope fields of %s", reply)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(body.get("error").textValue()).isEqualTo(code);
    assertThat(body.get("message").isTextual()).isTrue();
    assertThat(body.get("message").textValue()).isNotBlank();
    assertThat(body.get("request_id").isTextual()).isTrue();
    assertThat(reply.header("X-Request-ID")).contains(body.get("request_id").textValue());
    if (code.equals("invalid_request")) {
      assertThat(body.get("details").isArray()).isTrue();
      assertThat(body.get("details")).isNotEmpty();
      for (JsonNode detail : body.get("details")) {
        assertThat(fieldNames(detail)).containsExactlyInAnyOrder("field", "message");
        assertThat(detail.get("field").isTextual()).isTrue();
        assertThat(detail.get("message").isTextual()).isTrue();
      }
    }
    return body;
  }

  /** The {@code field} of every entry of an invalid_request's {@code details}. */
  public static List<String> detailFields(JsonNode body) {
    List<String> fields = new ArrayList<>();
    body.get("details").forEach(detail -> fields.add(detail.get("field").textValue()));
    return fields;
  }

  public static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }
}
