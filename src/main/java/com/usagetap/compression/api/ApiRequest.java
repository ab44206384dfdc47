package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A parsed POST request as an endpoint sees it.
 *
 * @param body the request body, already checked to be one strict JSON object
 * @param tenantHeader the {@code X-Tenant-ID} header, when sent
 */
public record ApiRequest(ObjectNode body, Optional<String> tenantHeader) {}
