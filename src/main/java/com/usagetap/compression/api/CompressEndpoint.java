package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.structure.StructuredCompressor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /compress}: the service's own API. Compresses {@code text} segment by segment (prose
 * compressed, code, markup, JSON and protected sections by their own rules) and never answers with
 * a text that is not strictly smaller in tokens than the input: then the input comes back unchanged
 * with the warning {@code not_smaller}.
 *
 * <p>With the low-savings skip switched on, a text that could save too little ({@link
 * LowSavingsSkip}) comes back unchanged without being compressed, with the compressor {@code
 * none@1} and the warning {@code skipped_low_expected_savings}; never when sections or debug
 * figures are asked for, since those describe a compression.
 */
public final class CompressEndpoint implements Endpoint {
  private final JsonCodec json;
  private final StructuredCompressor compressor;
  private final String compressorId;
  private final ApiServices services;
  private final LowSavingsSkip lowSavings;

  public CompressEndpoint(ApiServices services) {
    this.services = services;
    this.json = services.json();
    this.compressor = services.structured();
    this.compressorId = services.compressor().scorerId();
    this.lowSavings = new LowSavingsSkip(services.skip());
  }

  @Override
  public ApiResult handle(ApiRequest request) {
    FieldReader fields = new FieldReader(request.body());
    Optional<String> text = fields.requiredString("text");
    CompressionParameters parameters = CompressionParameters.read(fields, request, services);
    boolean debug = fields.bool("debug").orElse(false);
    fields.throwIfInvalid();

    String input = text.orElseThrow();
    Optional<LowSavingsSkip.Reason> skip =
        parameters.includeSections() || debug
            ? Optional.empty()
            : lowSavings.decide(
                List.of(input), parameters.options().aggressiveness(), parameters.counter());
    if (skip.isPresent()) {
      return skipped(input, parameters, skip.get());
    }

    long started = System.nanoTime();
    int originalTokens = parameters.counter().count(input);
    StructuredCompressor.Result result =
        compressor.compress(
            input, parameters.options(), parameters.counter(), parameters.structure());
    int compressedTokens =
        result.text().equals(input) ? originalTokens : parameters.counter().count(result.text());
    // A text is never answered with nothing: a blank result (a text of spaces, or only
    // <nocompress> tags) is not a compression of it.
    boolean smaller = compressedTokens < originalTokens && !result.text().isBlank();
    String output = smaller ? result.text() : input;
    int outputTokens = smaller ? compressedTokens : originalTokens;

    List<String> warnings = new ArrayList<>(result.warnings());
    if (!smaller) {
      warnings.add(Responses.NOT_SMALLER);
    }
    ObjectNode body = json.object();
    body.put("compressed_text", output);
    Responses.addSummary(
        body, originalTokens, outputTokens, parameters, compressorId, List.copyOf(warnings));
    if (parameters.includeSections()) {
      ArrayNode sections = body.putArray("sections");
      Responses.sections(sections, input, result.sections(), smaller, parameters.counter());
    }
    if (debug) {
      ObjectNode details = body.putObject("debug");
      details.put("words", result.prose().words());
      details.put("kept_words", smaller ? result.prose().keptWords() : result.prose().words());
      details.put("required_words", result.prose().requiredWords());
      details.put("dropped_by_phrase", result.prose().droppedByPhrase());
      details.put("aggressiveness", parameters.options().aggressiveness());
      details.put("elapsed_ms", (System.nanoTime() - started) / 1_000_000.0);
    }
    return new ApiResult(body, parameters.tenant().id(), originalTokens, outputTokens);
  }

  /** The answer a compression that changed nothing gives, but naming no compressor. */
  private ApiResult skipped(
      String input, CompressionParameters parameters, LowSavingsSkip.Reason reason) {
    int tokens = parameters.counter().count(input);
    ObjectNode body = json.object();
    body.put("compressed_text", input);
    Responses.addSkippedSummary(body, tokens, parameters);
    return new ApiResult(
        body, parameters.tenant().id(), tokens, tokens, Optional.of(reason.label()));
  }
}
