package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.structure.StructuredCompressor;
import com.usagetap.compression.tokens.MessageTokens;
import com.usagetap.compression.tokens.TokenCounter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/messages/compress}: compresses the user text of a chat request and returns the
 * request otherwise untouched.
 *
 * <p>Only {@code role: "user"} string content and the {@code text} of {@code type: "text"} parts of
 * user messages are compressed. Every other value — other roles, images, audio, tool blocks, tool
 * calls, unknown part types and fields — is returned as it came, in its order; the response is a
 * copy of the request tree in which only those strings were replaced. Each text is compressed
 * segment by segment, as on {@code /compress}. A text that would not get smaller is left as it is.
 *
 * <p>With the low-savings skip switched on, a request whose user texts could save too little
 * ({@link LowSavingsSkip}) comes back unchanged without being compressed, with the compressor
 * {@code none@1} and the warning {@code skipped_low_expected_savings}; never when sections are
 * asked for.
 */
public final class MessagesEndpoint implements Endpoint {
  private final JsonCodec json;
  private final StructuredCompressor compressor;
  private final String compressorId;
  private final ApiServices services;
  private final LowSavingsSkip lowSavings;

  public MessagesEndpoint(ApiServices services) {
    this.services = services;
    this.json = services.json();
    this.compressor = services.structured();
    this.compressorId = services.compressor().scorerId();
    this.lowSavings = new LowSavingsSkip(services.skip());
  }

  @Override
  public ApiResult handle(ApiRequest request) {
    FieldReader fields = new FieldReader(request.body());
    var chat = ChatRequest.read(fields);
    CompressionParameters parameters = CompressionParameters.read(fields, request, services);
    fields.throwIfInvalid();

    ChatRequest original = chat.orElseThrow();
    TokenCounter counter = parameters.counter();
    Optional<LowSavingsSkip.Reason> skip =
        parameters.includeSections()
            ? Optional.empty()
            : lowSavings.decide(
                original.userTexts(), parameters.options().aggressiveness(), counter);
    if (skip.isPresent()) {
      return skipped(original, parameters, skip.get());
    }

    ArrayNode messages = original.messages().deepCopy();
    ArrayNode sections = json.object().arrayNode();
    Set<String> warnings = new LinkedHashSet<>();
    for (int m = 0; m < messages.size(); m++) {
      ObjectNode message = (ObjectNode) messages.get(m);
      if (!"user".equals(message.get("role").textValue())) {
        continue;
      }
      JsonNode content = message.get("content");
      if (content != null && content.isTextual()) {
        message.put(
            "content", compress(content.textValue(), parameters, sections, warnings, m, -1));
      } else if (content != null && content.isArray()) {
        for (int p = 0; p < content.size(); p++) {
          JsonNode part = content.get(p);
          if (ChatRequest.isTextPart(part)) {
            String text = part.get("text").textValue();
            ((ObjectNode) part).put("text", compress(text, parameters, sections, warnings, m, p));
          }
        }
      }
    }

    int before =
        MessageTokens.count(counter, original.messages(), original.system(), original.tools())
            .tokens();
    int after =
        MessageTokens.count(counter, messages, original.system(), original.tools()).tokens();
    ObjectNode body = json.object();
    body.set("messages", messages);
    if (original.system() != null) {
      body.set("system", original.system());
    }
    if (after >= before) {
      warnings.add(Responses.NOT_SMALLER);
    }
    Responses.addSummary(body, before, after, parameters, compressorId, List.copyOf(warnings));
    if (parameters.includeSections()) {
      body.set("sections", sections);
    }
    return new ApiResult(body, parameters.tenant().id(), before, after);
  }

  /** The answer a compression that changed nothing gives, but naming no compressor. */
  private ApiResult skipped(
      ChatRequest original, CompressionParameters parameters, LowSavingsSkip.Reason reason) {
    int tokens =
        MessageTokens.count(
                parameters.counter(), original.messages(), original.system(), original.tools())
            .tokens();
    ObjectNode body = json.object();
    body.set("messages", original.messages());
    if (original.system() != null) {
      body.set("system", original.system());
    }
    Responses.addSkippedSummary(body, tokens, parameters);
    return new ApiResult(
        body, parameters.tenant().id(), tokens, tokens, Optional.of(reason.label()));
  }

  private String compress(
      String text,
      CompressionParameters parameters,
      ArrayNode sections,
      Set<String> warnings,
      int message,
      int part) {
    TokenCounter counter = parameters.counter();
    int originalTokens = counter.count(text);
    StructuredCompressor.Result result =
        compressor.compress(text, parameters.options(), counter, parameters.structure());
    int tokens = result.text().equals(text) ? originalTokens : counter.count(result.text());
    // Providers refuse an empty user turn, so a text that would be emptied stays as it was.
    boolean smaller = tokens < originalTokens && !result.text().isBlank();
    warnings.addAll(result.warnings());
    if (parameters.includeSections()) {
      for (ObjectNode section :
          Responses.sections(sections, text, result.sections(), smaller, counter)) {
        section.put("message", message);
        if (part < 0) {
          section.putNull("part");
        } else {
          section.put("part", part);
        }
      }
    }
    return smaller ? result.text() : text;
  }
}
