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
 */
public record ApiResult(ObjectNode body, Optional<String> tenantId, int tokensIn, int tokensOut) {}
