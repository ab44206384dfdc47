package com.usagetap.compression.http;

import com.usagetap.compression.config.OriginAuthSettings;
import com.usagetap.compression.config.SharedSecret;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Collections;
import java.util.List;

/**
 * The shared-secret check: the edge sends {@code ORIGIN_SHARED_SECRET} in {@link #HEADER}, and the
 * origin refuses, with {@code 401 unauthorized}, a request that lacks it or sends another value.
 *
 * <p>It runs before routing, so an unknown path is refused like a known one and nothing about the
 * routes is learnt without the secret. {@code GET /health} is served without the header, because
 * Cloud Run's health checks and uptime probes cannot send it and the answer holds nothing private;
 * a wrong value is refused there too, so that an edge with a stale secret sees its probe fail. The
 * break-glass switch serves requests without the header and still refuses a wrong one: a client
 * that sends a value means to authenticate, and a wrong value is a misconfigured edge.
 *
 * <p>During a rotation the previous secret ({@code ORIGIN_SHARED_SECRET_PREVIOUS}) is accepted as
 * well. Neither the secret nor the value sent is ever written to a message or a log line.
 */
final class OriginAuth {
  /** The header the edge puts the shared secret in. */
  static final String HEADER = "X-Origin-Auth";

  private final OriginAuthSettings settings;

  OriginAuth(OriginAuthSettings settings) {
    this.settings = settings;
  }

  /**
   * Lets the request through or refuses it.
   *
   * @throws ApiException {@code unauthorized} when a secret is set and the request does not carry
   *     it where it must, or carries another value anywhere
   */
  void check(Context ctx) {
    if (settings.secret().isEmpty()) {
      return;
    }
    SharedSecret secret = settings.secret().get();
    List<String> values = Collections.list(ctx.req().getHeaders(HEADER));

    if (values.isEmpty()) {
      if (settings.allowUnauthenticated() || isHealthCheck(ctx)) {
        return;
      }
      throw new ApiException(ErrorCode.UNAUTHORIZED, "This origin requires " + HEADER + ".");
    }
    // A second copy could be a client's, appended by a proxy beside the edge's own.
    if (values.size() > 1 || !isSecret(secret, values.getFirst())) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED, "The " + HEADER + " header is not this origin's secret.");
    }
  }

  /** Compares with both secrets during a rotation, so the time taken does not say which one. */
  private boolean isSecret(SharedSecret secret, String value) {
    boolean current = secret.matches(value);
    boolean previous = settings.previous().map(old -> old.matches(value)).orElse(false);
    return current || previous;
  }

  private static boolean isHealthCheck(Context ctx) {
    return HandlerType.GET.equals(ctx.method()) && "/health".equals(ctx.req().getRequestURI());
  }
}
