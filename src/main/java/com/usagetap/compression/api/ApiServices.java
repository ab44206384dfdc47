package com.usagetap.compression.api;

import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.config.SkipSettings;
import com.usagetap.compression.config.ToonSettings;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.lingua.LinguaCompressor;
import com.usagetap.compression.structure.StructuredCompressor;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.Optional;

/**
 * What every endpoint works with: the JSON codec, tenant resolution, token counters and the
 * compressor, the LLMLingua-2 model when one is loaded, and the TOON and low-savings skip settings.
 * All of them are thread-safe and shared by every request.
 */
public record ApiServices(
    JsonCodec json,
    TenantResolver tenants,
    Tokenizers tokenizers,
    TextCompressor compressor,
    Optional<LinguaCompressor> lingua,
    ToonSettings toon,
    SkipSettings skip) {

  /** Services without a model: the lexical scorer serves every endpoint; no request is skipped. */
  public ApiServices(
      JsonCodec json, TenantResolver tenants, Tokenizers tokenizers, TextCompressor compressor) {
    this(
        json,
        tenants,
        tokenizers,
        compressor,
        Optional.empty(),
        ToonSettings.defaults(),
        SkipSettings.defaults());
  }

  /** The segment-by-segment compressor over {@link #compressor()}. */
  public StructuredCompressor structured() {
    return new StructuredCompressor(compressor);
  }

  /**
   * How many force tokens a request may give: the model-backed compressor maps them to its 100
   * added tokens, the lexical one takes as many as a tenant list may hold.
   */
  public int maxForceTokens() {
    return lingua.isPresent()
        ? LinguaCompressor.MAX_FORCE_TOKENS
        : CompressionParameters.MAX_FORCE_TOKENS;
  }
}
