package com.usagetap.compression.api;

import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tokens.Tokenizers;

/**
 * What every endpoint works with: the JSON codec, tenant resolution, token counters and the
 * compressor. All of them are thread-safe and shared by every request.
 */
public record ApiServices(
    JsonCodec json, TenantResolver tenants, Tokenizers tokenizers, TextCompressor compressor) {}
