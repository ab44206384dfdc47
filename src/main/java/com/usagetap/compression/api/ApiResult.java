package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A 200 answer and the figures the request log needs.
 *
 * @param body the response body
 * @param tenantId the resolved tenant, echoed in {@code X-Tenant-ID}
 * @param tokensIn tokens of the input as the response reports them
 * @param tokensOut tokens of the output as the response reports them
 * @param skipReason when the request was answered without compressing by the low-savings skip, the
 *     reason's label (a fixed word, never request content)
 */
public record ApiResult(
    ObjectNode body,
    Optional<String> tenantId,
    int tokensIn,
    int tokensOut,
    Optional<String> skipReason) {

  /** An answer that was not skipped. */
  public ApiResult(ObjectNode body, Optional<String> tenantId, int tokensIn, int tokensOut) {
    this(body, tenantId, tokensIn, tokensOut, Optional.empty());
  }
}
