package com.usagetap.compression.api;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static com.usagetap.compression.testing.Envelopes.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.config.Settings;
import com.usagetap.compression.contract.Contract;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.LogCapture;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The low-savings skip over HTTP, on an origin started with {@code SKIP_ENABLED=true} and the
 * default thresholds (240 characters, 80 tokens, 25 expected tokens saved), beside one started with
 * the defaults, where the rule is off. A skipped request must get the answer the route gives for
 * content that comes back unchanged, with {@code none@1} and the skip's warning, and its access
 * line must name the reason and nothing of the text.
 */
class LowSavingsSkipRouteTest {
  static final String SKIPPED = "[\"skipped_low_expected_savings\"]";

  /**
   * Prose of 385 characters and exactly 80 tokens, the token minimum: worth compressing at 0.5 (40
   * tokens expected), not at 0.1 (8).
   */
  static final String LONG =
      "Please read the following notes very carefully and then tell me, in a short and simple"
          + " way, which of the three proposed options for the new office layout would be the"
          + " most practical one for a small team that often works remotely on most days. Also"
          + " list what each option would cost in the first year, how long it would take to set"
          + " up, and which risks you would expect from each of them.";

  /** 300 characters and 26 tokens of prose. */
  static final String FEW_TOKENS = "information ".repeat(25);

  /** One word of 300 digits and 100 tokens: no prose, so nothing to expect from compressing. */
  static final String ONE_WORD = "0123456789".repeat(30);

  @TempDir static Path profilesDir;

  @RegisterExtension
  static final LiveServer SKIPPING =
      LiveServer.with(
          settings ->
              settings
                  .withSkip(Settings.fromEnvironment(Map.of("SKIP_ENABLED", "true")).skip())
                  .withTenantProfilesFile(writeProfiles()));

  @RegisterExtension
  static final LiveServer DEFAULTS =
      LiveServer.with(settings -> settings.withTenantProfilesFile(writeProfiles()));

  private static final AtomicInteger IDS = new AtomicInteger();

  /** Registered tenants whose default aggressiveness is 0, 0.1 and 0.5. */
  private static Path writeProfiles() {
    ObjectNode profiles = Json.object();
    profiles.putObject("calm").put("default_aggressiveness", 0);
    profiles.putObject("light").put("default_aggressiveness", 0.1);
    profiles.putObject("keen").put("default_aggressiveness", 0.5);
    try {
      return Files.writeString(profilesDir.resolve("tenants.json"), Json.write(profiles));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one request got, and the {@code skip_reason} of its access line. */
  record Answer(Reply reply, JsonNode skipReason) {
    JsonNode json() {
      return reply.json();
    }

    String compressor() {
      return json().get("compressor").textValue();
    }

    String warnings() {
      return json().has("warnings") ? Json.write(json().get("warnings")) : "[]";
    }
  }

  static Answer send(LiveServer server, String route, ObjectNode body) {
    String id = "skip-test-" + IDS.incrementAndGet();
    try (LogCapture capture = LogCapture.attach()) {
      Reply reply =
          server.send(
              server
                  .request(route)
                  .header("Content-Type", "application/json")
                  .header("X-Request-ID", id)
                  .POST(BodyPublishers.ofString(Json.write(body)))
                  .build());
      return new Answer(reply, capture.awaitAccessLine(id).get("skip_reason"));
    }
  }

  static Answer skipping(String route, ObjectNode body) {
    return send(SKIPPING, route, body);
  }

  static ObjectNode text(String text) {
    return Json.object().put("text", text);
  }

  static ObjectNode userSays(String text) {
    ObjectNode body = Json.object();
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return body;
  }

  static void assertSkipped(Answer answer, String reason) {
    assertThat(answer.reply().status()).as(answer.reply().toString()).isEqualTo(200);
    assertThat(answer.compressor()).isEqualTo("none@1");
    assertThat(answer.warnings()).isEqualTo(SKIPPED);
    assertThat(answer.skipReason().textValue()).isEqualTo(reason);
    JsonNode body = answer.json();
    assertThat(body.get("compressed_tokens")).isEqualTo(body.get("original_tokens"));
    assertThat(body.get("tokens_saved").intValue()).isZero();
    assertThat(body.get("compression_ratio").doubleValue()).isEqualTo(1.0);
  }

  static void assertCompressed(Answer answer) {
    assertThat(answer.reply().status()).as(answer.reply().toString()).isEqualTo(200);
    assertThat(answer.compressor()).isEqualTo("lexical@1");
    assertThat(answer.warnings()).doesNotContain("skipped");
    assertThat(answer.skipReason().isNull()).isTrue();
  }

  @Test
  void texts_haveTheFiguresTheCasesRelyOn() {
    assertThat(LONG.length()).isEqualTo(385);
    assertThat(Tokens.o200k(LONG)).isEqualTo(80);
    assertThat(Tokens.o200k(FEW_TOKENS)).isEqualTo(26);
    assertThat(Tokens.o200k(ONE_WORD)).isEqualTo(100);
  }

  /** {@code /compress} always has its one text, so {@code no_user_text} cannot occur there. */
  static Stream<Arguments> compressReasons() {
    return Stream.of(
        Arguments.of("empty_text", text("")),
        Arguments.of("zero_aggressiveness", text(LONG).put("aggressiveness", 0)),
        Arguments.of("below_min_chars", text("Summarise the attached report in three lines.")),
        Arguments.of("below_min_tokens", text(FEW_TOKENS)),
        Arguments.of("below_min_expected_savings", text(ONE_WORD)),
        Arguments.of("below_min_expected_savings", text(LONG).put("aggressiveness", 0.1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressReasons")
  void compress_eachReason_answersTheTextUnchangedAsNone(String reason, ObjectNode request) {
    Answer answer = skipping("/compress", request);

    assertSkipped(answer, reason);
    String input = request.get("text").textValue();
    assertThat(answer.json().get("compressed_text").textValue()).isEqualTo(input);
    assertThat(answer.json().get("original_tokens").intValue()).isEqualTo(Tokens.o200k(input));
  }

  static Stream<Arguments> messagesReasons() {
    ObjectNode noUser = Json.object().put("system", LONG);
    noUser.putArray("messages").addObject().put("role", "assistant").put("content", LONG);
    ObjectNode emptyParts = userSays("");
    ArrayNode parts =
        ((ArrayNode) emptyParts.get("messages"))
            .addObject()
            .put("role", "user")
            .putArray("content");
    parts.addObject().put("type", "text").put("text", "");
    parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://x.test");
    return Stream.of(
        Arguments.of("no_user_text", noUser),
        Arguments.of("empty_text", userSays("")),
        Arguments.of("empty_text", emptyParts),
        Arguments.of("zero_aggressiveness", userSays(LONG).put("aggressiveness", 0)),
        Arguments.of("below_min_chars", userSays("Summarise the attached report.")),
        Arguments.of("below_min_tokens", userSays(FEW_TOKENS)),
        Arguments.of("below_min_expected_savings", userSays(ONE_WORD)),
        Arguments.of("below_min_expected_savings", userSays(LONG).put("aggressiveness", 0.1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messagesReasons")
  void messages_eachReason_answersTheRequestUnchangedAsNone(String reason, ObjectNode request) {
    Answer answer = skipping("/v1/messages/compress", request);

    assertSkipped(answer, reason);
    assertThat(answer.json().get("messages")).isEqualTo(request.get("messages"));
    assertThat(answer.json().get("system")).isEqualTo(request.get("system"));
  }

  @Test
  void worthCompressing_isCompressedOnBothRoutes_andTheLogNamesNoReason() {
    assertCompressed(skipping("/compress", text(LONG)));
    assertCompressed(skipping("/v1/messages/compress", userSays(LONG)));
  }

  static Stream<Arguments> unchangedAnswers() {
    ObjectNode chat = Json.object().put("model", "gpt-4").put("tenant_id", "team-1");
    chat.putArray("system").addObject().put("type", "text").put("text", LONG);
    ArrayNode messages = chat.putArray("messages");
    messages.addObject().put("role", "system").put("content", "Be brief.");
    ArrayNode parts = messages.addObject().put("role", "user").putArray("content");
    parts.addObject().put("type", "text").put("text", "Hello.");
    parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://x.test");
    messages.addObject().put("role", "assistant").put("content", LONG);
    messages.addObject().put("role", "user").put("content", "Thanks.");
    return Stream.of(
        Arguments.of("/compress", text("hello").put("model", "gpt-4").put("tenant_id", "t-1")),
        Arguments.of("/compress", text("12 345 6789 2026-12-03").put("aggressiveness", 0.9)),
        Arguments.of("/compress", text("")),
        Arguments.of("/v1/messages/compress", chat),
        Arguments.of("/v1/messages/compress", userSays("Thanks.")));
  }

  /**
   * The skip answer is, byte for byte, the answer the route gives today when compression leaves the
   * content unchanged, but for the compressor and the warning.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unchangedAnswers")
  void skipAnswer_isTheUnchangedAnswerWithNoneAndTheSkipWarning(String route, ObjectNode body) {
    Reply today = send(DEFAULTS, route, body).reply();
    Answer skipped = skipping(route, body);

    assertThat(Json.write(today.json().get("warnings"))).isEqualTo("[\"not_smaller\"]");
    String expected =
        today
            .text()
            .replace("\"compressor\":\"lexical@1\"", "\"compressor\":\"none@1\"")
            .replace("\"warnings\":[\"not_smaller\"]", "\"warnings\":" + SKIPPED);
    assertThat(skipped.reply().text()).isEqualTo(expected);
    assertThat(fieldNames(skipped.json())).isEqualTo(fieldNames(today.json()));
    assertThat(skipped.reply().header("X-Tenant-ID")).isEqualTo(today.header("X-Tenant-ID"));
  }

  @Test
  void skipAnswers_keepToTheContract() {
    Contract contract = Contract.fromJson(SKIPPING.get("/openapi.json").json());

    Answer compress = skipping("/compress", text("Short."));
    Answer messages = skipping("/v1/messages/compress", userSays("Short."));

    assertThat(compress.compressor()).isEqualTo("none@1");
    assertThat(contract.checkResponse("POST", "/compress", 200, compress.json())).isEmpty();
    assertThat(messages.compressor()).isEqualTo("none@1");
    assertThat(contract.checkResponse("POST", "/v1/messages/compress", 200, messages.json()))
        .isEmpty();
  }

  @Test
  void includeSections_isNeverSkipped_onEitherRoute() {
    Answer compress = skipping("/compress", text("Short.").put("include_sections", true));
    Answer messages =
        skipping("/v1/messages/compress", userSays("Short.").put("include_sections", true));

    assertCompressed(compress);
    assertThat(compress.json().get("sections").isArray()).isTrue();
    assertCompressed(messages);
    assertThat(messages.json().get("sections").isArray()).isTrue();
  }

  @Test
  void debug_isNeverSkippedOnCompress_butMeansNothingToMessages() {
    Answer compress = skipping("/compress", text("Short.").put("debug", true));
    Answer messages = skipping("/v1/messages/compress", userSays("Short.").put("debug", true));

    assertCompressed(compress);
    assertThat(compress.json().get("debug").isObject()).isTrue();
    assertSkipped(messages, "below_min_chars");
  }

  @Test
  void v1Compress_isNeverSkipped() {
    Answer answer = skipping("/v1/compress", Json.object().put("context", "Short."));

    assertThat(answer.reply().status()).isEqualTo(200);
    assertThat(answer.compressor()).isEqualTo("lexical@1");
    assertThat(answer.json().has("warnings")).isFalse();
    assertThat(answer.skipReason().isNull()).isTrue();
  }

  static Stream<Arguments> invalidRequests() {
    ObjectNode noUserBadModel = Json.object().put("model", "");
    noUserBadModel.putArray("messages").addObject().put("role", "system").put("content", "x");
    ObjectNode badPart = Json.object();
    badPart
        .putArray("messages")
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", 7);
    return Stream.of(
        Arguments.of("/compress", text("").put("aggressiveness", 2)),
        Arguments.of("/compress", text("Short.").put("debug", "yes")),
        Arguments.of("/compress", text("Short.").put("include_sections", "no")),
        Arguments.of("/compress", Json.object().put("aggressiveness", 0)),
        Arguments.of(
            "/compress", text("").set("compression_settings", Json.object().put("toon", "x"))),
        Arguments.of("/v1/messages/compress", noUserBadModel),
        Arguments.of("/v1/messages/compress", badPart),
        Arguments.of("/v1/messages/compress", userSays("").put("aggressiveness", -1)),
        Arguments.of("/v1/messages/compress", Json.object().putNull("messages")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidRequests")
  void invalidRequest_isStill422_neverASkip(String route, ObjectNode body) {
    Answer answer = skipping(route, body);

    assertError(answer.reply(), 422, "invalid_request");
    assertThat(answer.skipReason().isNull()).isTrue();
  }

  @Test
  void tenantMismatch_isStill422_neverASkip() {
    Reply reply =
        SKIPPING.send(
            SKIPPING
                .request("/compress")
                .header("Content-Type", "application/json")
                .header("X-Tenant-ID", "one")
                .POST(BodyPublishers.ofString(Json.write(text("").put("tenant_id", "two"))))
                .build());

    assertError(reply, 422, "tenant_mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/compress", "/v1/messages/compress"})
  void skipSwitchedOff_byDefault_everyRequestIsCompressedAsBefore(String route) {
    for (String input : new String[] {"", "Short.", FEW_TOKENS, ONE_WORD}) {
      ObjectNode body = route.equals("/compress") ? text(input) : userSays(input);
      Answer answer = send(DEFAULTS, route, body);

      assertThat(answer.compressor()).as(input).isEqualTo("lexical@1");
      assertThat(answer.warnings()).as(input).doesNotContain("skipped");
      assertThat(answer.skipReason().isNull()).as(input).isTrue();
    }
    Answer zero = send(DEFAULTS, "/compress", text(LONG).put("aggressiveness", 0));
    assertThat(zero.compressor()).isEqualTo("lexical@1");
  }

  static Stream<Arguments> aggressivenessSources() {
    return Stream.of(
        Arguments.of("registered 0", "calm", null, null, "zero_aggressiveness"),
        Arguments.of("registered 0, inline 0.5", "calm", 0.5, null, null),
        Arguments.of("registered 0, request 0.5", "calm", null, 0.5, null),
        Arguments.of("registered 0.5, inline 0", "keen", 0.0, null, "zero_aggressiveness"),
        Arguments.of("inline 0.5, request 0", "keen", 0.5, 0.0, "zero_aggressiveness"),
        Arguments.of("registered 0.1", "light", null, null, "below_min_expected_savings"),
        Arguments.of("registered 0.1, inline 0.5", "light", 0.5, null, null),
        Arguments.of("inline 0.1, request 0.5", "keen", 0.1, 0.5, null),
        Arguments.of(
            "registered 0.5, request 0.1", "keen", null, 0.1, "below_min_expected_savings"),
        Arguments.of("no profile: 0.5", null, null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aggressivenessSources")
  void aggressiveness_requestThenInlineThenRegisteredProfile_decidesTheSkip(
      String name, String tenant, Double inline, Double request, String reason) {
    for (String route : new String[] {"/compress", "/v1/messages/compress"}) {
      ObjectNode body = route.equals("/compress") ? text(LONG) : userSays(LONG);
      if (tenant != null) {
        body.put("tenant_id", tenant);
      }
      if (inline != null) {
        body.putObject("tenant_profile").put("default_aggressiveness", inline);
      }
      if (request != null) {
        body.putObject("compression_settings").put("aggressiveness", request);
      }

      Answer answer = skipping(route, body);

      if (reason == null) {
        assertCompressed(answer);
      } else {
        assertSkipped(answer, reason);
      }
    }
  }

  @Test
  void messages_onlyUserTextCounts_notSystemAssistantToolImagesOrOtherParts() {
    ObjectNode body = Json.object().put("system", LONG);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", LONG);
    messages.addObject().put("role", "developer").put("content", LONG);
    messages.addObject().put("role", "assistant").put("content", LONG);
    messages.addObject().put("role", "tool").put("tool_call_id", "c1").put("content", LONG);
    messages.addObject().put("role", "User").put("content", LONG);
    ArrayNode parts = messages.addObject().put("role", "user").putArray("content");
    parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://x.test");
    parts.addObject().put("type", "x_note").put("text", 7);
    parts.addObject().put("type", "input_text").put("text", LONG);
    parts.addObject().put("type", "text").put("text", "Which option?");

    assertSkipped(skipping("/v1/messages/compress", body), "below_min_chars");

    parts.addObject().put("type", "text").put("text", LONG);
    assertCompressed(skipping("/v1/messages/compress", body));
  }

  @Test
  void messages_userTextsAreSummedOverMessagesAndParts() {
    String half = LONG.substring(0, 230);
    ObjectNode body = userSays(half);
    ArrayNode parts =
        ((ArrayNode) body.get("messages")).addObject().put("role", "user").putArray("content");

    parts.addObject().put("type", "text").put("text", "Short.");
    assertSkipped(skipping("/v1/messages/compress", body), "below_min_chars");

    parts.addObject().put("type", "text").put("text", LONG.substring(230));
    assertCompressed(skipping("/v1/messages/compress", body));
  }

  @Test
  void oneLongWord_hasNoProse_butABraceOrABracketMakesIt() {
    assertSkipped(skipping("/compress", text(ONE_WORD)), "below_min_expected_savings");
    assertSkipped(
        skipping("/compress", text("  \n" + ONE_WORD + " \t")), "below_min_expected_savings");
    assertSkipped(
        skipping("/v1/messages/compress", userSays(ONE_WORD + "\n")), "below_min_expected_savings");

    assertCompressed(skipping("/compress", text("{" + ONE_WORD)));
    assertCompressed(skipping("/v1/messages/compress", userSays(ONE_WORD + "[")));
  }

  @Test
  void accessLine_namesTheReasonOnly_neverTheText() {
    String marker = "zebra-" + "quokka".repeat(5);
    try (LogCapture capture = LogCapture.attach()) {
      String id = "skip-log-check";
      SKIPPING.send(
          SKIPPING
              .request("/compress")
              .header("Content-Type", "application/json")
              .header("X-Request-ID", id)
              .POST(BodyPublishers.ofString(Json.write(text(marker + " is short."))))
              .build());
      JsonNode line = capture.awaitAccessLine(id);

      assertThat(line.get("skip_reason").textValue()).isEqualTo("below_min_chars");
      assertThat(capture.lines()).noneMatch(logged -> logged.contains("quokka"));
    }
  }
}
