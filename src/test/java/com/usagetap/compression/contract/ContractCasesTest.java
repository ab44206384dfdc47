package com.usagetap.compression.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.usagetap.compression.OriginService;
import com.usagetap.compression.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the shared request cases of {@code contracts/cases/} against a started origin and holds
 * every answer to {@code contracts/openapi.yaml}: the status and error code the case expects, a
 * body that validates against the documented schema for that status, and a request that the
 * documented request schema accepts exactly when the origin does.
 */
class ContractCasesTest {
  private static final Path CONTRACTS = Path.of("contracts");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static OriginService origin;
  private static Contract contract;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    origin = OriginService.start(Settings.defaults().withPort(0));
    HttpResponse<String> served = send("GET", "/openapi.json", null, null, Map.of());
    contract = Contract.fromJson(JSON.readTree(served.body()));
  }

  @AfterAll
  static void stop() {
    origin.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> arguments = new ArrayList<>();
    for (JsonNode item : Contract.readCases(CONTRACTS.resolve("cases/public-api.json"))) {
      arguments.add(Arguments.of(item.get("name").textValue(), item));
    }
    return arguments.stream();
  }

  @Test
  void openApiJson_isTheHandWrittenYamlDocument() throws IOException, InterruptedException {
    JsonNode yaml =
        new ObjectMapper(new YAMLFactory()).readTree(CONTRACTS.resolve("openapi.yaml").toFile());
    JsonNode served = JSON.readTree(send("GET", "/openapi.json", null, null, Map.of()).body());

    assertThat(served).isEqualTo(yaml);
    assertThat(contract.paths())
        .contains(
            "/health", "/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate");
  }

  @Test
  void contract_rejectsAnswersAndRequestsThatBreakIt() throws IOException {
    JsonNode withoutText =
        JSON.readTree(
            "{\"original_tokens\": 3, \"compressed_tokens\": 2, \"tokens_saved\": 1,"
                + " \"compression_ratio\": 1.5, \"model\": \"gpt-4o\","
                + " \"tokenizer\": \"o200k_base\", \"compressor\": \"lexical@1\","
                + " \"tenant_id\": null}");
    JsonNode badRequest = JSON.readTree("{\"text\": 5}");

    assertThat(contract.checkResponse("POST", "/compress", 200, withoutText)).isNotEmpty();
    assertThat(contract.checkRequest("POST", "/compress", badRequest)).isNotEmpty();
    assertThat(contract.checkResponse("POST", "/compress", 418, withoutText)).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseAnswer_matchesTheContract(String name, JsonNode item) throws Exception {
    String method = item.get("method").textValue();
    String path = item.get("path").textValue();
    String contentType =
        item.has("content_type") ? item.get("content_type").textValue() : "application/json";
    String raw = item.has("raw_body") ? item.get("raw_body").textValue() : null;
    JsonNode body = item.get("body");
    String payload = raw != null ? raw : body == null ? null : JSON.writeValueAsString(body);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (item.has("headers")) {
      item.get("headers")
          .properties()
          .forEach(e -> headers.put(e.getKey(), e.getValue().textValue()));
    }

    HttpResponse<String> response = send(method, path, payload, contentType, headers);
    JsonNode expect = item.get("expect");
    JsonNode answer = JSON.readTree(response.body());

    assertThat(response.statusCode()).as(name).isEqualTo(expect.get("status").intValue());
    if (expect.has("error")) {
      assertThat(answer.path("error").textValue()).isEqualTo(expect.get("error").textValue());
      assertThat(answer.path("request_id").textValue())
          .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
    }
    if (response.statusCode() != 404 && response.statusCode() != 405) {
      assertThat(contract.checkResponse(method, path, response.statusCode(), answer))
          .as("response schema of %s", name)
          .isEmpty();
    }
    boolean decides =
        !item.has("schema_decides_request") || item.get("schema_decides_request").booleanValue();
    if (body != null && decides && (response.statusCode() == 200 || response.statusCode() == 422)) {
      List<String> violations = contract.checkRequest(method, path, body);
      assertThat(violations.isEmpty())
          .as("the request schema accepts %s exactly when the origin does: %s", name, violations)
          .isEqualTo(response.statusCode() == 200);
    }
  }

  private static HttpResponse<String> send(
      String method, String path, String payload, String contentType, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + origin.port() + path));
    headers.forEach(request::header);
    if (payload == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
