package com.usagetap.compression.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.testing.Scrape;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cold-start gauges and the ratio's guards, on the registry itself. */
class MetricsTest {
  @Test
  void firstRequest_isNaNUntilSet_thenKeepsTheFirstValue() {
    try (Metrics metrics = new Metrics()) {
      assertThat(Scrape.of(metrics.scrape()).value("origin_first_request_seconds")).isNaN();

      metrics.recordFirstRequest(250f);
      metrics.recordFirstRequest(5f);

      assertThat(Scrape.of(metrics.scrape()).value("origin_first_request_seconds")).isEqualTo(0.25);
    }
  }

  @Test
  void startup_isReportedInSeconds() {
    try (Metrics metrics = new Metrics()) {
      metrics.recordStartup(Duration.ofMillis(1500));

      assertThat(Scrape.of(metrics.scrape()).value("origin_startup_seconds")).isEqualTo(1.5);
    }
  }

  @Test
  void ratio_isOriginalOverCompressed_andSkippedForCountingRoutesAndEmptyOutput() {
    try (Metrics metrics = new Metrics()) {
      metrics.record("/compress", 200, 3f, 300, 100, true);
      metrics.record("/tokens/estimate", 200, 1f, 40, 40, false);
      metrics.record("/compress", 200, 1f, 5, 0, true);
      metrics.record("/compress", 422, 1f, -1, -1, true);

      Scrape scrape = Scrape.of(metrics.scrape());
      assertThat(scrape.value("origin_compression_ratio_count", "route=\"/compress\""))
          .isEqualTo(1);
      assertThat(scrape.value("origin_compression_ratio_sum", "route=\"/compress\"")).isEqualTo(3);
      assertThat(scrape.value("origin_compression_ratio_bucket", "le=\"2.5\"")).isEqualTo(0);
      assertThat(scrape.value("origin_compression_ratio_bucket", "le=\"3.0\"")).isEqualTo(1);
      assertThat(scrape.anySeriesContains("origin_compression_ratio_count{route=\"/tokens"))
          .isFalse();
    }
  }

  @Test
  void inferenceBatches_areAHistogramInSeconds() {
    try (Metrics metrics = new Metrics()) {
      metrics.recordInferenceBatch(Duration.ofMillis(40).toNanos());

      Scrape scrape = Scrape.of(metrics.scrape());
      assertThat(scrape.value("origin_inference_batch_seconds_count")).isEqualTo(1);
      assertThat(scrape.value("origin_inference_batch_seconds_sum")).isEqualTo(0.04);
      assertThat(scrape.anySeriesContains("origin_inference_batch_seconds_bucket{")).isTrue();
    }
  }
}
