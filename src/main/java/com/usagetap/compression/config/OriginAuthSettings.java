package com.usagetap.compression.config;

import java.util.Optional;

/**
 * How the origin authenticates the edge in front of it.
 *
 * <p>With a {@code secret} ({@code ORIGIN_SHARED_SECRET}), every request but {@code GET /health}
 * must carry it in the {@code X-Origin-Auth} header. {@code allowUnauthenticated} ({@code
 * ORIGIN_ALLOW_UNAUTHENTICATED}) is the break-glass switch for a direct-origin fallback: requests
 * without the header are served too, while a request that sends a wrong value is still refused.
 * Without a secret the origin serves everyone, as Cloud Run's own IAM check (or none) decides.
 *
 * @param secret the shared secret, when one is set
 * @param allowUnauthenticated whether requests without the header are served as well
 */
public record OriginAuthSettings(Optional<SharedSecret> secret, boolean allowUnauthenticated) {
  /**
   * @throws ConfigException when {@code allowUnauthenticated} is set without a secret, where it
   *     would mean nothing and hide a deployment that lost its secret
   */
  public OriginAuthSettings {
    if (allowUnauthenticated && secret.isEmpty()) {
      throw new ConfigException(
          "ORIGIN_ALLOW_UNAUTHENTICATED=true needs ORIGIN_SHARED_SECRET, which is not set");
    }
  }

  /** No secret: every request is served. */
  public static OriginAuthSettings none() {
    return new OriginAuthSettings(Optional.empty(), false);
  }
}
