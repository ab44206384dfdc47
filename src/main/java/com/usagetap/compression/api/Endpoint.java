package com.usagetap.compression.api;

/** One POST route of the public API. */
@FunctionalInterface
public interface Endpoint {
  /**
   * Serves a request.
   *
   * @throws com.usagetap.compression.http.ApiException for any request that cannot be served
   */
  ApiResult handle(ApiRequest request);

  /**
   * Whether the route compresses, so that its answer's tokens in over tokens out is a compression
   * ratio; a route that only counts tokens says no.
   */
  default boolean compresses() {
    return true;
  }
}
