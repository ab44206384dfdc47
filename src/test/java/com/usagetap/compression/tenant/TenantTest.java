package com.usagetap.compression.tenant;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenants: named by {@code tenant_id} and/or {@code X-Tenant-ID}, echoed in both, and profiled by a
 * registered file and an inline {@code tenant_profile}, with aggressiveness taken from the request,
 * then the inline profile, then the registered one, then 0.5.
 */
class TenantTest {
  static final double ACME_DEFAULT = 0.2;
  static final double BETA_DEFAULT = 0.7;
  static final String KEEP = "wombat";

  @TempDir static Path profilesDir;

  @RegisterExtension
  static final LiveServer SERVER =
      LiveServer.with(settings -> settings.withTenantProfilesFile(writeProfiles()));

  private static Path writeProfiles() {
    ObjectNode profiles = Json.object();
    profiles
        .putObject("acme")
        .put("default_aggressiveness", ACME_DEFAULT)
        .putArray("force_keep_tokens")
        .add(KEEP);
    profiles
        .putObject("beta")
        .put("default_aggressiveness", BETA_DEFAULT)
        .put("cache_enabled", true);
    try {
      return Files.writeString(profilesDir.resolve("tenants.json"), Json.write(profiles));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("/compress", "\"text\":\"Send the report today.\""),
        Arguments.of("/v1/compress", "\"context\":\"Send the report today.\""),
        Arguments.of(
            "/v1/messages/compress",
            "\"messages\":[{\"role\":\"user\",\"content\":\"Send the report today.\"}]"),
        Arguments.of("/tokens/estimate", "\"text\":\"Send the report today.\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void headerOnly_tenantIsEchoedInBodyAndHeader(String route, String fields) {
    Reply reply = send(route, "{" + fields + "}", "team-a.prod:1");

    assertEchoed(reply, "team-a.prod:1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void bodyOnly_tenantIsEchoedInBodyAndHeader(String route, String fields) {
    Reply reply = send(route, "{" + fields + ",\"tenant_id\":\"team_b-2\"}", null);

    assertEchoed(reply, "team_b-2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void headerAndBodyEqual_tenantIsEchoed(String route, String fields) {
    Reply reply = send(route, "{" + fields + ",\"tenant_id\":\"same\"}", "same");

    assertEchoed(reply, "same");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void headerAndBodyDiffer_is422TenantMismatch(String route, String fields) {
    Reply reply = send(route, "{" + fields + ",\"tenant_id\":\"acme\"}", "beta");

    assertError(reply, 422, "tenant_mismatch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void noTenant_tenantIdIsNullAndNoHeader(String route, String fields) {
    Reply reply = send(route, "{" + fields + "}", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("tenant_id").isNull()).isTrue();
    assertThat(reply.header("X-Tenant-ID")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          request beats all      | acme  | 0.3 | -   | {"default_aggressiveness":0.6} | 0.3
          settings value counts  | acme  | -   | 0.4 | {"default_aggressiveness":0.6} | 0.4
          inline beats registered| acme  | -   | -   | {"default_aggressiveness":0.6} | 0.6
          registered acme        | acme  | -   | -   | -                              | 0.2
          registered beta        | beta  | -   | -   | -                              | 0.7
          inline without default | beta  | -   | -   | {"force_keep_tokens":["x"]}    | 0.7
          unregistered tenant    | gamma | -   | -   | -                              | 0.5
          no tenant              | -     | -   | -   | -                              | 0.5
          inline, no tenant      | -     | -   | -   | {"default_aggressiveness":0.1} | 0.1
          """)
  void aggressiveness_followsPrecedence_visibleInDebug(
      String name,
      String tenant,
      Double requested,
      Double inSettings,
      String inline,
      double expected) {
    ObjectNode body = Json.object().put("text", "Send the quarterly report to the board today.");
    body.put("debug", true);
    if (tenant != null) {
      body.put("tenant_id", tenant);
    }
    if (requested != null) {
      body.put("aggressiveness", requested);
    }
    if (inSettings != null) {
      body.putObject("compression_settings").put("aggressiveness", inSettings);
    }
    if (inline != null) {
      body.set("tenant_profile", Json.parse(inline));
    }

    Reply reply = SERVER.post("/compress", Json.write(body));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().get("debug").get("aggressiveness").doubleValue()).isEqualTo(expected);
    assertThat(reply.header("Cache-Control")).contains("no-store");
  }

  @Test
  void answerWithoutDebug_carriesNoCacheControl() {
    Reply reply =
        SERVER.post("/compress", "{\"text\":\"Send the quarterly report to the board today.\"}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEmpty();
  }

  @Test
  void registeredForceKeepTokens_keepEveryOccurrenceThatWouldBeDropped() {
    String text = keepTokenText();
    int sent = occurrences(text, KEEP);

    int without = occurrences(compressed("{\"aggressiveness\":0.9}", text), KEEP);
    int with =
        occurrences(compressed("{\"aggressiveness\":0.9,\"tenant_id\":\"acme\"}", text), KEEP);

    assertThat(without).as("dropped without the profile").isLessThan(sent);
    assertThat(with).isEqualTo(sent);
  }

  @Test
  void inlineForceKeepTokens_keepEveryOccurrenceForAnUnregisteredTenant() {
    String text = keepTokenText();
    String inline =
        "{\"aggressiveness\":0.9,\"tenant_id\":\"gamma\",\"tenant_profile\":"
            + "{\"force_keep_tokens\":[\""
            + KEEP
            + "\"]}}";

    assertThat(occurrences(compressed(inline, text), KEEP)).isEqualTo(occurrences(text, KEEP));
  }

  @Test
  void inlineForceDropPhrases_removeThePhraseCaseInsensitivelyOnWholeWords() {
    String text = "Please note: the notebook is due. PLEASE NOTE the venue moved. Notes follow.";
    String request =
        "{\"aggressiveness\":0.1,\"debug\":true,\"tenant_profile\":"
            + "{\"force_drop_phrases\":[\"please note\"]}}";

    ObjectNode body = (ObjectNode) Json.parse(request);
    body.put("text", text);
    JsonNode reply = SERVER.post("/compress", Json.write(body)).json();

    String output = reply.get("compressed_text").textValue();
    assertThat(output.toLowerCase(java.util.Locale.ROOT)).doesNotContain("please");
    assertThat(output).contains("notebook");
    assertThat(reply.get("debug").get("dropped_by_phrase").intValue()).isEqualTo(4);
  }

  @Test
  void registeredDefault_appliesToV1CompressAsRateOneMinusIt() {
    String context = "{\"context\":\"" + keepTokenText() + "\"";
    JsonNode asTenant = SERVER.post("/v1/compress", context + ",\"tenant_id\":\"beta\"}").json();
    JsonNode explicit =
        SERVER.post("/v1/compress", context + ",\"rate\":" + (1 - BETA_DEFAULT) + "}").json();

    assertThat(asTenant.get("compressed_prompt")).isEqualTo(explicit.get("compressed_prompt"));
    assertThat(asTenant.get("compressed_tokens")).isEqualTo(explicit.get("compressed_tokens"));
  }

  @Test
  void registeredDefault_appliesToMessages() {
    String messages = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + keepTokenText() + "\"}]";
    JsonNode asTenant =
        SERVER.post("/v1/messages/compress", messages + ",\"tenant_id\":\"beta\"}").json();
    JsonNode explicit =
        SERVER
            .post("/v1/messages/compress", messages + ",\"aggressiveness\":" + BETA_DEFAULT + "}")
            .json();

    assertThat(asTenant.get("messages")).isEqualTo(explicit.get("messages"));
    assertThat(asTenant.get("compressed_tokens")).isEqualTo(explicit.get("compressed_tokens"));
  }

  /** A text where the keep token is a common, repeated word among rarer ones. */
  private static String keepTokenText() {
    StringBuilder text = new StringBuilder();
    String[] rare = {"Kestrel", "Obsidian", "Quartz", "Meridian", "Tundra", "Zephyr", "Basalt"};
    for (int i = 0; i < 21; i++) {
      text.append(rare[i % rare.length]).append(' ').append(i).append(" and the ");
      text.append(KEEP).append(" went over there. ");
    }
    return text.toString().strip();
  }

  private static String compressed(String request, String text) {
    ObjectNode body = (ObjectNode) Json.parse(request);
    body.put("text", text);
    Reply reply = SERVER.post("/compress", Json.write(body));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("compressed_text").textValue();
  }

  private static int occurrences(String text, String word) {
    Matcher matcher = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static Reply send(String route, String body, String tenantHeader) {
    HttpRequest.Builder request = SERVER.request(route).header("Content-Type", "application/json");
    if (tenantHeader != null) {
      request.header("X-Tenant-ID", tenantHeader);
    }
    return SERVER.send(request.POST(BodyPublishers.ofString(body)).build());
  }

  private static void assertEchoed(Reply reply, String tenant) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().get("tenant_id").textValue()).isEqualTo(tenant);
    assertThat(reply.header("X-Tenant-ID")).contains(tenant);
  }
}
