package com.usagetap.compression.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request: ids, sizes, timings and token counts, never content.
 *
 * <p>Prompt text, compressed text, credentials and raw bodies must not reach this line; the request
 * id and the tenant id are the only strings from the client in it, and both are validated to a safe
 * alphabet before they are stored. {@code skip_reason} is the low-savings skip's reason label, one
 * of a fixed set of words, or null when the request was not skipped.
 */
final class AccessLog {
  static final String LOGGER = "com.usagetap.compression.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  void record(String method, Exchange exchange, int status, float elapsedMs) {
    LOG.info(
        "request",
        kv("request_id", exchange.requestId),
        kv("tenant_id", exchange.tenantId),
        kv("method", method),
        kv("route", exchange.route),
        kv("status", status),
        kv("error", exchange.errorCode),
        kv("body_bytes", exchange.bodyBytes < 0 ? null : exchange.bodyBytes),
        kv("elapsed_ms", Math.round(elapsedMs * 100) / 100.0),
        kv("tokens_in", exchange.tokensIn < 0 ? null : exchange.tokensIn),
        kv("tokens_out", exchange.tokensOut < 0 ? null : exchange.tokensOut),
        kv("skip_reason", exchange.skipReason));
  }
}
