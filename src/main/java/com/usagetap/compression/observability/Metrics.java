package com.usagetap.compression.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics for {@code /metrics} in the Prometheus text format: a latency timer per route and
 * status, token counts in and out per route, and the JVM's own gauges.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;

  public Metrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  /** Records one finished exchange; token counts below zero mean none were computed. */
  public void record(String route, int status, float elapsedMs, int tokensIn, int tokensOut) {
    Timer.builder("origin.requests")
        .description("Requests served, by route and status")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record((long) (elapsedMs * 1_000_000L), TimeUnit.NANOSECONDS);
    if (tokensIn >= 0) {
      tokens("in", route).record(tokensIn);
    }
    if (tokensOut >= 0) {
      tokens("out", route).record(tokensOut);
    }
  }

  /** The current metrics in the Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private DistributionSummary tokens(String direction, String route) {
    return DistributionSummary.builder("origin.tokens")
        .description("Tokens per request, before (in) and after (out) compression")
        .tag("direction", direction)
        .tag("route", route)
        .register(registry);
  }
}
