package com.usagetap.compression.http;

import io.javalin.http.Context;

/**
 * What the request log needs to know about one exchange, kept on the Javalin context.
 *
 * <p>Filled in as the request passes through the server; read once when the response is done.
 */
final class Exchange {
  private static final String KEY = Exchange.class.getName();

  final String requestId;
  String route = "unmatched";
  String tenantId;
  String errorCode;
  long bodyBytes = -1;
  int tokensIn = -1;
  int tokensOut = -1;
  String skipReason;
  boolean compresses;

  private Exchange(String requestId) {
    this.requestId = requestId;
  }

  static Exchange begin(Context ctx, String requestId) {
    Exchange exchange = new Exchange(requestId);
    ctx.attribute(KEY, exchange);
    return exchange;
  }

  /** The exchange of a request that Jetty refused before the router saw it. */
  static Exchange unrouted(String requestId) {
    return new Exchange(requestId);
  }

  static String routeOf(Context ctx) {
    Exchange exchange = ctx.attribute(KEY);
    return exchange == null ? "unmatched" : exchange.route;
  }

  /** The exchange of a request; one is made on the spot if an early failure skipped begin. */
  static Exchange of(Context ctx, RequestIds ids) {
    Exchange exchange = ctx.attribute(KEY);
    if (exchange == null) {
      exchange = begin(ctx, ids.choose(ctx.header("X-Request-ID")));
    }
    return exchange;
  }
}
