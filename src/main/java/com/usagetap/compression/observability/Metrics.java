package com.usagetap.compression.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Metrics for {@code /metrics} in the Prometheus text format: request latency per route and status,
 * tokens in and out and the compression ratio per route, model inference time per batch, requests
 * in flight, the cold-start figures (start-up time, first request's latency) and the JVM's own
 * gauges.
 *
 * <p>Labels are drawn from bounded sets only (the served routes, {@code unmatched}, status codes,
 * token direction); no tenant id, request id or request content is ever a label.
 */
public final class Metrics implements AutoCloseable {
  /** Buckets for original over compressed tokens: 1 is unchanged, 2 is half the tokens. */
  private static final double[] RATIO_BUCKETS = {1, 1.1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 20};

  private static final long UNSET = -1;

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final Timer inferenceBatches;
  private final AtomicLong startupNanos = new AtomicLong(UNSET);
  private final AtomicLong firstRequestNanos = new AtomicLong(UNSET);

  public Metrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
    this.inferenceBatches =
        Timer.builder("origin.inference.batch")
            .description("Model inference time of one batch of chunks (one ONNX Runtime call)")
            .publishPercentileHistogram()
            .register(registry);
    TimeGauge.builder("origin.startup", startupNanos, TimeUnit.NANOSECONDS, Metrics::orNaN)
        .description("Time from the JVM's start to the server accepting requests")
        .register(registry);
    TimeGauge.builder(
            "origin.first.request", firstRequestNanos, TimeUnit.NANOSECONDS, Metrics::orNaN)
        .description("Latency of the first API request this instance served (NaN until then)")
        .register(registry);
  }

  /**
   * Records one finished exchange; token counts below zero mean none were computed.
   *
   * @param compresses whether the route compresses, so that its token counts give a ratio
   */
  public void record(
      String route, int status, float elapsedMs, int tokensIn, int tokensOut, boolean compresses) {
    long nanos = (long) (elapsedMs * 1_000_000L);
    Timer.builder("origin.requests")
        .description("Requests served, by route and status")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (tokensIn >= 0) {
      tokens("in", route).record(tokensIn);
    }
    if (tokensOut >= 0) {
      tokens("out", route).record(tokensOut);
    }
    if (compresses && tokensIn >= 0 && tokensOut > 0) {
      ratio(route).record((double) tokensIn / tokensOut);
    }
  }

  /**
   * Records the latency of the first API request served, once; later calls change nothing. Health
   * checks, metrics scrapes and documentation pages are not API requests and are not passed here.
   */
  public void recordFirstRequest(float elapsedMs) {
    firstRequestNanos.compareAndSet(UNSET, (long) (elapsedMs * 1_000_000L));
  }

  /** Records the time from the JVM's start to the server being ready to accept requests. */
  public void recordStartup(Duration sinceJvmStart) {
    startupNanos.set(sinceJvmStart.toNanos());
  }

  /** Records the model time of one inference batch. */
  public void recordInferenceBatch(long nanos) {
    inferenceBatches.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Reports {@code count} as the number of requests being served, read at every scrape. */
  public void trackInFlight(IntSupplier count) {
    Gauge.builder("origin.requests.in.flight", count, c -> c.getAsInt())
        .description("Requests received and not yet answered")
        .register(registry);
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

  private DistributionSummary ratio(String route) {
    return DistributionSummary.builder("origin.compression.ratio")
        .description("Original tokens over compressed tokens per answered compression request")
        .tag("route", route)
        .serviceLevelObjectives(RATIO_BUCKETS)
        .register(registry);
  }

  private static double orNaN(AtomicLong nanos) {
    long value = nanos.get();
    return value == UNSET ? Double.NaN : value;
  }
}
