package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.RawHttp;
import com.usagetap.compression.testing.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code X-Request-ID}: a sane client value (1-128 visible ASCII characters) is echoed, anything
 * else is replaced by a fresh UUID, and every response carries one.
 */
class RequestIdTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String VISIBLE_ASCII_128 =
      ("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
              + "abcdefghijklmnopqrstuvwxyz{|}~")
          .repeat(2)
          .substring(0, 128);

  static Stream<String> saneIds() {
    return Stream.of("abc-123", "trace.2026-12-03T10:00:00Z~1", "x", VISIBLE_ASCII_128);
  }

  @ParameterizedTest
  @MethodSource("saneIds")
  void saneId_isEchoedOnSuccessAndOnError(String id) {
    Reply ok = SERVER.send(SERVER.request("/health").header("X-Request-ID", id).GET().build());
    Reply missing = SERVER.send(SERVER.request("/nope").header("X-Request-ID", id).GET().build());

    assertThat(ok.header("X-Request-ID")).contains(id);
    assertThat(missing.header("X-Request-ID")).contains(id);
    assertThat(missing.json().get("request_id").textValue()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "tab\there", "quote\" and space"})
  void idWithWhitespace_isReplacedByAFreshUuid(String id) {
    Reply reply = SERVER.send(SERVER.request("/nope").header("X-Request-ID", id).GET().build());

    assertReplaced(reply.header("X-Request-ID").orElseThrow(), id);
    assertThat(reply.json().get("request_id").textValue())
        .isEqualTo(reply.header("X-Request-ID").orElseThrow());
  }

  @Test
  void idOf129Characters_isReplacedByAFreshUuid() {
    String id = VISIBLE_ASCII_128 + "z";

    Reply reply = SERVER.send(SERVER.request("/health").header("X-Request-ID", id).GET().build());

    assertThat(id).hasSize(129);
    assertReplaced(reply.header("X-Request-ID").orElseThrow(), id);
  }

  @Test
  void idSentAsRawAscii_isEchoed_soTheRawClientReachesTheCheck() {
    RawHttp.Response reply = rawGet("/nope", "raw-ascii-1".getBytes(StandardCharsets.US_ASCII));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.headers().get("x-request-id")).isEqualTo("raw-ascii-1");
  }

  @Test
  void idWithNonAsciiUtf8Bytes_isReplacedByAFreshUuidInHeaderAndBody() {
    byte[] id = "r\u00e9q-\u00fc-1".getBytes(StandardCharsets.UTF_8);

    RawHttp.Response reply = rawGet("/nope", id);

    String echoed = reply.headers().get("x-request-id");
    assertReplaced(echoed, new String(id, StandardCharsets.ISO_8859_1));
    assertThat(Json.parse(reply.body()).get("request_id").textValue()).isEqualTo(echoed);
  }

  @Test
  void noId_eachResponseGetsItsOwnUuid() {
    String first = SERVER.get("/health").header("X-Request-ID").orElseThrow();
    String second = SERVER.get("/health").header("X-Request-ID").orElseThrow();

    assertReplaced(first, "");
    assertReplaced(second, "");
    assertThat(first).isNotEqualTo(second);
  }

  private static RawHttp.Response rawGet(String path, byte[] requestId) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.writeBytes(
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: ")
            .getBytes(StandardCharsets.US_ASCII));
    head.writeBytes(requestId);
    return RawHttp.exchange(SERVER.port(), head.toByteArray(), new byte[0]);
  }

  private static void assertReplaced(String echoed, String sent) {
    assertThat(echoed).isNotEqualTo(sent);
    assertThat(UUID.fromString(echoed).toString()).isEqualTo(echoed);
  }
}
