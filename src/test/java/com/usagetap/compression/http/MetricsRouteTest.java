package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Scrape;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /metrics} over HTTP: the series operations reads to see latency and cold starts. */
class MetricsRouteTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String TENANT = "metrics-tenant-7";

  @Test
  void afterCompressing_ratioLatencyAndColdStartSeriesHaveSaneValues() {
    String prose =
        "The committee approved the budget on Tuesday after a long and rather tedious"
            + " discussion of the very many details of the plan. ";
    String text = "{\"text\": \"" + prose.repeat(20) + "\", \"aggressiveness\": 0.7}";
    Reply compressed =
        SERVER.send(
            SERVER
                .request("/compress")
                .header("Content-Type", "application/json")
                .header("X-Tenant-ID", TENANT)
                .POST(BodyPublishers.ofString(text))
                .build());
    assertThat(compressed.status()).as(compressed.text()).isEqualTo(200);
    assertThat(SERVER.post("/tokens/estimate", "{\"text\":\"count me\"}").status()).isEqualTo(200);

    Scrape scrape = Scrape.of(SERVER.get("/metrics").text());

    assertThat(scrape.value("origin_compression_ratio_count", "route=\"/compress\""))
        .isGreaterThanOrEqualTo(1);
    double ratios = scrape.value("origin_compression_ratio_sum", "route=\"/compress\"");
    double count = scrape.value("origin_compression_ratio_count", "route=\"/compress\"");
    assertThat(ratios / count).isGreaterThan(1.0);
    assertThat(scrape.anySeriesContains("origin_compression_ratio_count{route=\"/tokens"))
        .isFalse();
    assertThat(scrape.value("origin_requests_seconds_bucket", "route=\"/compress\"", "le=\"+Inf\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(scrape.value("origin_startup_seconds")).isPositive().isLessThan(3600);
    assertThat(scrape.value("origin_first_request_seconds")).isPositive().isLessThan(60);
  }

  @Test
  void inFlight_countsTheScrapeItself() {
    Scrape scrape = Scrape.of(SERVER.get("/metrics").text());

    assertThat(scrape.value("origin_requests_in_flight")).isBetween(1.0, 16.0);
  }

  @Test
  void labels_neverHoldTheTenantOrRequestContent() {
    SERVER.send(
        SERVER
            .request("/compress")
            .header("Content-Type", "application/json")
            .header("X-Tenant-ID", TENANT)
            .POST(BodyPublishers.ofString("{\"text\": \"secret-word-in-the-prompt\"}"))
            .build());

    String text = SERVER.get("/metrics").text();

    assertThat(text).doesNotContain(TENANT).doesNotContain("secret-word-in-the-prompt");
  }
}
