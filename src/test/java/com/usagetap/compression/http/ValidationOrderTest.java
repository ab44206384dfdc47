package com.usagetap.compression.http;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks on a POST and their order: media type (415), then size (413, before any parsing and
 * whether or not a Content-Length was sent), then JSON (400), then fields (422). Each row breaks
 * one rule and, where it matters, every later one too, so only the first check can explain the
 * status.
 */
class ValidationOrderTest {
  static final int LIMIT = 4096;

  @RegisterExtension
  static final LiveServer SERVER = LiveServer.with(settings -> settings.withMaxBodyBytes(LIMIT));

  /** A valid body per route; each needs one field of its own. */
  static final Map<String, String> VALID =
      Map.of(
          "/compress", "{\"text\":\"Summarise the notes.\"",
          "/v1/compress", "{\"context\":\"Summarise the notes.\"",
          "/v1/messages/compress",
              "{\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the notes.\"}]",
          "/tokens/estimate", "{\"text\":\"Summarise the notes.\"");

  /** How a row sends its body. */
  enum Transfer {
    LENGTH,
    CHUNKED
  }

  static Stream<Arguments> rows() {
    List<Arguments> rows = new ArrayList<>();
    for (String route : VALID.keySet().stream().sorted().toList()) {
      String valid = VALID.get(route) + "}";
      String padded = pad(VALID.get(route), LIMIT);
      String oversized = pad(VALID.get(route), LIMIT + 1);
      String oversizedMalformed = "{\"text\":" + "[".repeat(LIMIT);
      add(rows, route, "text/plain", "text/plain", Transfer.LENGTH, valid, 415);
      add(rows, route, "no content type", null, Transfer.LENGTH, valid, 415);
      add(rows, route, "latin1", "application/json; charset=latin1", Transfer.LENGTH, valid, 415);
      add(rows, route, "415 before 413", "text/plain", Transfer.LENGTH, oversized, 415);
      add(rows, route, "415 before 413 chunked", null, Transfer.CHUNKED, oversized, 415);
      add(rows, route, "over limit", "application/json", Transfer.LENGTH, oversized, 413);
      add(rows, route, "over limit chunked", "application/json", Transfer.CHUNKED, oversized, 413);
      add(
          rows,
          route,
          "413 before 400",
          "application/json",
          Transfer.LENGTH,
          oversizedMalformed,
          413);
      add(
          rows,
          route,
          "413 before 400 chunked",
          "application/json",
          Transfer.CHUNKED,
          oversizedMalformed,
          413);
      add(rows, route, "exactly the limit", "application/json", Transfer.LENGTH, padded, 200);
      add(
          rows,
          route,
          "exactly the limit chunked",
          "application/json",
          Transfer.CHUNKED,
          padded,
          200);
      add(
          rows,
          route,
          "utf-8 charset",
          "application/json; charset=utf-8",
          Transfer.LENGTH,
          valid,
          200);
      add(
          rows,
          route,
          "quoted charset",
          "Application/JSON;Charset=\"UTF-8\"",
          Transfer.LENGTH,
          valid,
          200);
      add(rows, route, "malformed", "application/json", Transfer.LENGTH, "{\"text\":", 400);
      add(rows, route, "trailing garbage", "application/json", Transfer.LENGTH, valid + " x", 400);
      add(rows, route, "second value", "application/json", Transfer.LENGTH, valid + "{}", 400);
      add(
          rows,
          route,
          "duplicate key",
          "application/json",
          Transfer.LENGTH,
          VALID.get(route) + ",\"model\":\"gpt-4o\",\"model\":\"gpt-4\"}",
          400);
      add(
          rows,
          route,
          "400 before 422: duplicate bad key",
          "application/json",
          Transfer.LENGTH,
          "{\"text\":1,\"text\":2,\"context\":3,\"context\":4}",
          400);
      add(
          rows,
          route,
          "400 before 422: cut off",
          "application/json",
          Transfer.LENGTH,
          "{\"messages\":7,\"text\":",
          400);
      add(
          rows,
          route,
          "depth 65",
          "application/json",
          Transfer.LENGTH,
          VALID.get(route) + ",\"deep\":" + nested(64) + "}",
          400);
      add(
          rows,
          route,
          "depth 64",
          "application/json",
          Transfer.LENGTH,
          VALID.get(route) + ",\"deep\":" + nested(63) + "}",
          200);
      add(
          rows,
          route,
          "lone surrogate",
          "application/json",
          Transfer.LENGTH,
          VALID.get(route) + ",\"note\":\"a\\ud800b\"}",
          400);
      add(
          rows,
          route,
          "lone low surrogate in a key",
          "application/json",
          Transfer.LENGTH,
          VALID.get(route) + ",\"\\udc00\":1}",
          400);
      add(rows, route, "empty body", "application/json", Transfer.LENGTH, "", 400);
      add(
          rows,
          route,
          "invalid UTF-8",
          "application/json",
          Transfer.LENGTH,
          concat(utf8(VALID.get(route) + ",\"note\":\""), new byte[] {(byte) 0xff}, utf8("\"}")),
          400);
      add(
          rows,
          route,
          "fields wrong",
          "application/json",
          Transfer.LENGTH,
          "{\"text\":1,\"context\":1,\"messages\":1}",
          422);
      add(rows, route, "not an object", "application/json", Transfer.LENGTH, "[1,2]", 422);
    }
    return rows.stream();
  }

  private static void add(
      List<Arguments> rows,
      String route,
      String name,
      String type,
      Transfer transfer,
      String body,
      int status) {
    add(rows, route, name, type, transfer, utf8(body), status);
  }

  private static void add(
      List<Arguments> rows,
      String route,
      String name,
      String type,
      Transfer transfer,
      byte[] body,
      int status) {
    rows.add(Arguments.of(route, name, type, transfer, body, status));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rows")
  void post_firstBrokenRule_decidesTheStatus(
      String route, String name, String contentType, Transfer transfer, byte[] body, int status) {
    HttpRequest.Builder request = SERVER.request(route);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.POST(
        transfer == Transfer.CHUNKED
            ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : BodyPublishers.ofByteArray(body));

    Reply reply = SERVER.send(request.build());

    if (status == 200) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    } else {
      assertError(reply, status, code(status));
    }
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "invalid_json";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 422 -> "invalid_request";
      default -> throw new IllegalArgumentException("no error code for " + status);
    };
  }

  /** A body that opens with {@code start} and is padded to exactly {@code size} UTF-8 bytes. */
  private static String pad(String start, int size) {
    String open = start + ",\"pad\":\"";
    String close = "\"}";
    return open + "p".repeat(size - open.length() - close.length()) + close;
  }

  /** {@code levels} nested arrays around 0; inside a top-level object that is one level more. */
  private static String nested(int levels) {
    return "[".repeat(levels) + "0" + "]".repeat(levels);
  }
}
