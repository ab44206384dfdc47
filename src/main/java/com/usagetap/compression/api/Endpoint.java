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
}
