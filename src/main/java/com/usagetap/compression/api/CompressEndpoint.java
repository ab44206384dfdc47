package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.compress.Compression;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /compress}: the service's own API. Compresses {@code text} and never answers with a
 * text that is not strictly smaller in tokens than the input: then the input comes back unchanged
 * with the warning {@code not_smaller}.
 */
public final class CompressEndpoint implements Endpoint {
  private final JsonCodec json;
  private final TenantResolver tenants;
  private final Tokenizers tokenizers;
  private final TextCompressor compressor;
  private final int maxForceTokens;

  public CompressEndpoint(ApiServices services) {
    this.json = services.json();
    this.tenants = services.tenants();
    this.tokenizers = services.tokenizers();
    this.compressor = services.compressor();
    this.maxForceTokens = services.maxForceTokens();
  }

  @Override
  public ApiResult handle(ApiRequest request) {
    FieldReader fields = new FieldReader(request.body());
    Optional<String> text = fields.requiredString("text");
    CompressionParameters parameters =
        CompressionParameters.read(
            fields, request.tenantHeader(), tenants, tokenizers, maxForceTokens);
    boolean debug = fields.bool("debug").orElse(false);
    fields.throwIfInvalid();

    long started = System.nanoTime();
    String input = text.orElseThrow();
    int originalTokens = parameters.counter().count(input);
    Compression compression =
        compressor.compress(input, parameters.options(), parameters.counter());
    int compressedTokens =
        compression.text().equals(input)
            ? originalTokens
            : parameters.counter().count(compression.text());
    boolean smaller = compressedTokens < originalTokens;
    String output = smaller ? compression.text() : input;
    int outputTokens = smaller ? compressedTokens : originalTokens;

    ObjectNode body = json.object();
    body.put("compressed_text", output);
    Responses.addSummary(
        body,
        originalTokens,
        outputTokens,
        parameters,
        compressor.scorerId(),
        smaller ? List.of() : List.of(Responses.NOT_SMALLER));
    if (parameters.includeSections()) {
      ArrayNode sections = body.putArray("sections");
      Responses.section(sections, "prose", smaller, originalTokens, outputTokens);
    }
    if (debug) {
      ObjectNode details = body.putObject("debug");
      details.put("words", compression.words());
      details.put("kept_words", smaller ? compression.keptWords() : compression.words());
      details.put("required_words", compression.requiredWords());
      details.put("dropped_by_phrase", compression.droppedByPhrase());
      details.put("aggressiveness", parameters.options().aggressiveness());
      details.put("elapsed_ms", (System.nanoTime() - started) / 1_000_000.0);
    }
    return new ApiResult(body, parameters.tenant().id(), originalTokens, outputTokens);
  }
}
