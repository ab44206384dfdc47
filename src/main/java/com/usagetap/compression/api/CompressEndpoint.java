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
 */
public final class CompressEndpoint implements Endpoint {
  private final JsonCodec json;
  private final StructuredCompressor compressor;
  private final String compressorId;
  private final ApiServices services;

  public CompressEndpoint(ApiServices services) {
    this.services = services;
    this.json = services.json();
    this.compressor = services.structured();
    this.compressorId = services.compressor().scorerId();
  }

  @Override
  public ApiResult handle(ApiRequest request) {
    FieldReader fields = new FieldReader(request.body());
    Optional<String> text = fields.requiredString("text");
    CompressionParameters parameters = CompressionParameters.read(fields, request, services);
    boolean debug = fields.bool("debug").orElse(false);
    fields.throwIfInvalid();

    long started = System.nanoTime();
    String input = text.orElseThrow();
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
}
