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
 * {@code previous} ({@code ORIGIN_SHARED_SECRET_PREVIOUS}) is accepted as well while a rotation is
 * under way, so the edge can move to the new secret without a request being refused.
 *
 * @param secret the shared secret, when one is set
 * @param previous the secret being rotated out, accepted beside {@code secret}
 * @param allowUnauthenticated whether requests without the header are served as well
 */
public record OriginAuthSettings(
    Optional<SharedSecret> secret, Optional<SharedSecret> previous, boolean allowUnauthenticated) {
  /**
   * @throws ConfigException when {@code previous} or {@code allowUnauthenticated} is set without a
   *     secret, where it would mean nothing and hide a deployment that lost its secret
   */
  public OriginAuthSettings {
    if (allowUnauthenticated && secret.isEmpty()) {
      throw new ConfigException(
          "ORIGIN_ALLOW_UNAUTHENTICATED=true needs ORIGIN_SHARED_SECRET, which is not set");
    }
    if (previous.isPresent() && secret.isEmpty()) {
      throw new ConfigException(
          "ORIGIN_SHARED_SECRET_PREVIOUS needs ORIGIN_SHARED_SECRET, which is not set");
    }
  }

  /** No secret: every request is served. */
  public static OriginAuthSettings none() {
    return new OriginAuthSettings(Optional.empty(), Optional.empty(), false);
  }

  /** One secret, no rotation under way. */
  public static OriginAuthSettings of(SharedSecret secret, boolean allowUnauthenticated) {
    return new OriginAuthSettings(Optional.of(secret), Optional.empty(), allowUnauthenticated);
  }
}
