package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.compress.Percentile;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.lingua.LinguaCompressor;
import com.usagetap.compression.lingua.LinguaCompressor.PromptRequest;
import com.usagetap.compression.lingua.LinguaCompressor.PromptResult;
import com.usagetap.compression.structure.ProtectedNames;
import com.usagetap.compression.structure.Segmentation;
import com.usagetap.compression.structure.Segmenter;
import com.usagetap.compression.structure.StructureOptions;
import com.usagetap.compression.structure.StructuredCompressor;
import com.usagetap.compression.structure.ToonMode;
import com.usagetap.compression.tenant.TenantProfile;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tenant.TenantResolver.Tenant;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code POST /v1/compress}: a drop-in for the llmlingua library's {@code compress_prompt} with
 * LLMLingua-2, in its names and formats.
 *
 * <p>The rate rules are the library's. {@code rate} is the fraction kept; a positive {@code
 * target_token} replaces it with {@code min(target_token / origin_tokens, 1)}. For a list of
 * several contexts with the context filter on (the library's default), whole contexts are ranked
 * first: the filter keeps {@code (rate + 1) / 2} of them (or aims at twice the target tokens),
 * keeping those whose mean word score is at least NumPy's linear percentile at {@code int(100 * (1
 * - that rate))}, then a non-negative target is re-applied to the kept contexts. Tokens are counted
 * with cl100k_base per context and summed, as the library does, whatever the {@code model}. The
 * formatted fields follow Python's {@code .1f}.
 *
 * <p>Structure is respected only where that loses nothing: in a context with code, markup, JSON,
 * tool exchanges, protected sections or {@code <nocompress>} spans, those segments come back
 * verbatim (the {@code <nocompress>} tags removed) and only its prose is compressed; nothing is
 * minified, converted or re-spaced, since a caller of this route gets the library's text. A request
 * whose contexts are all plain prose is answered exactly as the library answers it, through the
 * model when one is loaded. One with structure takes the model's keep decisions per prose segment
 * and builds the text from the original characters, as {@code /compress} does, and ranks contexts
 * for the context filter with the lexical scorer.
 */
public final class LinguaEndpoint implements Endpoint {
  static final double DEFAULT_RATE = 0.5;
  static final int MAX_CONTEXTS = 10_000;

  private final JsonCodec json;
  private final TenantResolver tenants;
  private final Tokenizers tokenizers;
  private final TextCompressor compressor;
  private final Optional<LinguaCompressor> lingua;

  public LinguaEndpoint(ApiServices services) {
    this.lingua = services.lingua();
    this.json = services.json();
    this.tenants = services.tenants();
    this.tokenizers = services.tokenizers();
    this.compressor = services.compressor();
  }

  @Override
  public ApiResult handle(ApiRequest request) {
    FieldReader fields = new FieldReader(request.body());
    List<String> contexts = contexts(fields);
    Tenant tenant = tenants.resolve(request.tenantHeader(), fields);
    String model = CompressionParameters.model(fields);
    OptionalDouble requestedRate = fields.number("rate", 0.0, 1.0);
    if (requestedRate.isPresent() && requestedRate.getAsDouble() <= 0) {
      fields.fail("rate", "must be greater than 0");
      requestedRate = OptionalDouble.empty();
    }
    long targetToken =
        fields.wholeNumber("target_token", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(-1L);
    List<String> forceTokens =
        fields.stringList(
            "force_tokens", CompressionParameters.MAX_FORCE_TOKENS, TenantProfile.MAX_ITEM_LENGTH);
    boolean reserveDigit = fields.bool("force_reserve_digit").orElse(false);
    boolean dropConsecutive = fields.bool("drop_consecutive").orElse(false);
    boolean contextFilter = fields.bool("use_context_level_filter").orElse(true);
    List<String> modelForceTokens = new ArrayList<>(forceTokens);
    modelForceTokens.addAll(tenant.profile().forceKeepTokens());
    if (lingua.isPresent() && modelForceTokens.size() > LinguaCompressor.MAX_FORCE_TOKENS) {
      fields.fail(
          "force_tokens",
          "at most "
              + LinguaCompressor.MAX_FORCE_TOKENS
              + " with the model-backed compressor, the tenant's keep tokens included ("
              + modelForceTokens.size()
              + " given)");
    }
    fields.throwIfInvalid();

    double rate =
        requestedRate.orElse(
            tenant.profile().defaultAggressiveness().isPresent()
                ? 1.0 - tenant.profile().defaultAggressiveness().getAsDouble()
                : DEFAULT_RATE);
    TokenCounter counter = tokenizers.cl100k();
    StructureOptions structure =
        new StructureOptions(
            ProtectedNames.withExtra(tenant.profile().protectedHeadings()),
            ToonMode.NEVER,
            0,
            0,
            false);
    List<Segmentation> segmented = new ArrayList<>(contexts.size());
    boolean allProse = true;
    for (String context : contexts) {
      Segmentation segmentation = Segmenter.segment(context, structure.names());
      segmented.add(segmentation);
      allProse &= segmentation.isAllProse();
    }
    if (lingua.isPresent() && allProse) {
      PromptResult result =
          lingua
              .get()
              .compressPrompt(
                  contexts,
                  new PromptRequest(
                      rate,
                      targetToken,
                      modelForceTokens,
                      reserveDigit,
                      dropConsecutive,
                      contextFilter));
      return respond(
          result.compressed(),
          result.originTokens(),
          result.compressedTokens(),
          model,
          counter,
          lingua.get().id(),
          tenant);
    }
    int originTokens = 0;
    for (String context : contexts) {
      originTokens += counter.count(context);
    }

    List<Segmentation> reserved = segmented;
    if (contexts.size() > 1 && contextFilter) {
      double contextRate = 1.0;
      if (targetToken < 0 && rate < 1.0) {
        contextRate = (rate + 1.0) / 2;
      }
      if (targetToken >= 0) {
        contextRate = ratioOrOne((double) targetToken * 2, originTokens);
      }
      reserved = filterContexts(segmented, contextRate);
      if (targetToken >= 0) {
        int reservedTokens = 0;
        for (Segmentation context : reserved) {
          reservedTokens += counter.count(context.text());
        }
        rate = ratioOrOne((double) targetToken, reservedTokens);
      }
    } else if (targetToken > 0) {
      rate = ratioOrOne((double) targetToken, originTokens);
    }

    CompressionOptions options =
        new CompressionOptions(
            Math.max(0.0, 1.0 - rate),
            forceTokens,
            tenant.profile().forceKeepTokens(),
            tenant.profile().forceDropPhrases(),
            reserveDigit,
            dropConsecutive);
    List<String> compressed = new ArrayList<>(reserved.size());
    int compressedTokens = 0;
    StructuredCompressor structured = new StructuredCompressor(compressor);
    for (Segmentation context : reserved) {
      String result = structured.compress(context, options, counter, structure).text();
      compressed.add(result);
      compressedTokens += counter.count(result);
    }

    return respond(
        compressed, originTokens, compressedTokens, model, counter, compressor.scorerId(), tenant);
  }

  private ApiResult respond(
      List<String> compressed,
      int originTokens,
      int compressedTokens,
      String model,
      TokenCounter counter,
      String compressorId,
      Tenant tenant) {
    ObjectNode body = json.object();
    body.put("compressed_prompt", String.join("\n\n", compressed));
    ArrayNode list = body.putArray("compressed_prompt_list");
    compressed.forEach(list::add);
    body.put("origin_tokens", originTokens);
    body.put("compressed_tokens", compressedTokens);
    double ratio = compressedTokens == 0 ? 1 : (double) originTokens / compressedTokens;
    double saving = (originTokens - compressedTokens) * 0.06 / 1000;
    body.put("ratio", PythonFormat.fixed1(ratio) + "x");
    body.put(
        "rate", PythonFormat.fixed1(ratio == 0 ? Double.POSITIVE_INFINITY : 1 / ratio * 100) + "%");
    body.put("saving", ", Saving $" + PythonFormat.fixed1(saving) + " in GPT-4.");
    body.put("model", model);
    body.put("tokenizer", counter.tokenizer());
    body.put("compressor", compressorId);
    Responses.putTenant(body, tenant.id());
    return new ApiResult(body, tenant.id(), originTokens, compressedTokens);
  }

  private List<Segmentation> filterContexts(List<Segmentation> contexts, double contextRate) {
    double[] scores = new double[contexts.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = compressor.meanScore(contexts.get(i).text());
    }
    double threshold = Percentile.linear(scores, (int) (100 * (1 - contextRate)));
    List<Segmentation> kept = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= threshold) {
        kept.add(contexts.get(i));
      }
    }
    return kept;
  }

  private static double ratioOrOne(double numerator, int denominator) {
    return denominator <= 0 ? 1.0 : Math.min(numerator / denominator, 1.0);
  }

  private static List<String> contexts(FieldReader fields) {
    JsonNode context = fields.raw("context");
    if (context == null) {
      fields.fail("context", "is required");
      return List.of();
    }
    if (context.isTextual()) {
      return List.of(context.textValue());
    }
    if (!context.isArray() || context.isEmpty() || context.size() > MAX_CONTEXTS) {
      fields.fail("context", "must be a string or a list of 1-" + MAX_CONTEXTS + " strings");
      return List.of();
    }
    List<String> contexts = new ArrayList<>(context.size());
    for (int i = 0; i < context.size(); i++) {
      JsonNode item = context.get(i);
      if (item.isTextual()) {
        contexts.add(item.textValue());
      } else {
        fields.fail("context[" + i + "]", "must be a string, not " + JsonCodec.kind(item));
      }
    }
    return contexts;
  }
}
