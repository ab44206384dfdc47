package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes only the origin serves: the contract, its Swagger UI page, and metrics. */
class PrivateRoutesTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final List<String> PUBLIC_ROUTES =
      List.of("/health", "/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate");
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/docs/[^\"]+)\"");

  @Test
  void openApiJson_isServedAsJson() {
    Reply reply = SERVER.get("/openapi.json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(reply.json()).isNotNull();
  }

  @Test
  void openApiJson_describesEveryPublicRoute() {
    JsonNode contract = SERVER.get("/openapi.json").json();
    assumeTrue(
        contract.path("paths").isObject() && !contract.path("paths").isEmpty(),
        "contracts/openapi.yaml has no paths yet in this checkout; it is written separately");

    assertThat(contract.path("openapi").textValue()).startsWith("3.");
    List<String> paths = new ArrayList<>();
    contract.get("paths").properties().forEach(entry -> paths.add(entry.getKey()));
    assertThat(paths).containsAll(PUBLIC_ROUTES);
  }

  @Test
  void docs_isAnHtmlPageThatLoadsTheContract() {
    Reply reply = SERVER.get("/docs");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(reply.text()).contains("<html", "swagger-ui", "/openapi.json");
  }

  @Test
  void docs_everyAssetThePageReferences_isServed() {
    Matcher assets = ASSET.matcher(SERVER.get("/docs").text());
    List<String> referenced = new ArrayList<>();
    while (assets.find()) {
      referenced.add(assets.group(1));
    }

    assertThat(referenced).contains("/docs/swagger-ui-bundle.js");
    for (String asset : referenced) {
      Reply reply = SERVER.get(asset);
      assertThat(reply.status()).as(asset).isEqualTo(200);
      assertThat(reply.body()).as(asset).isNotEmpty();
    }
  }

  @Test
  void swaggerBundle_isJavaScriptDefiningTheBundle() {
    Reply reply = SERVER.get("/docs/swagger-ui-bundle.js");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(reply.text()).contains("SwaggerUIBundle");
  }

  @Test
  void metrics_afterRequests_countsThemByRouteAndStatus() {
    double before = requestCount(SERVER.get("/metrics").text(), "/tokens/estimate", "200");
    for (int i = 0; i < 3; i++) {
      assertThat(SERVER.post("/tokens/estimate", "{\"text\":\"count me\"}").status())
          .isEqualTo(200);
    }

    Reply metrics = SERVER.get("/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("origin_requests");
    assertThat(requestCount(metrics.text(), "/tokens/estimate", "200")).isEqualTo(before + 3);
  }

  /** The value of {@code origin_requests_seconds_count} for one route and status, or 0. */
  private static double requestCount(String scrape, String route, String status) {
    for (String line : scrape.lines().toList()) {
      if (line.startsWith("origin_requests_seconds_count{")
          && line.contains("route=\"" + route + "\"")
          && line.contains("status=\"" + status + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
