package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.structure.SegmentAction;
import com.usagetap.compression.structure.StructuredCompressor;
import com.usagetap.compression.tokens.TokenCounter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The response fields that {@code /compress} and {@code /v1/messages/compress} share. */
final class Responses {
  /** Set when the answer is the input unchanged because compression did not make it smaller. */
  static final String NOT_SMALLER = "not_smaller";

  /** Set when the low-savings skip answered the input unchanged without compressing it. */
  static final String SKIPPED_LOW_EXPECTED_SAVINGS = "skipped_low_expected_savings";

  /** The compressor named in an answer that no compressor produced. */
  static final String NO_COMPRESSOR = "none@1";

  private Responses() {}

  /**
   * Adds token counts, ratio, model, tokenizer, compressor, tenant and warnings.
   *
   * <p>{@code compression_ratio} is original over compressed tokens rounded to four decimals (half
   * up), and 1.0 when nothing was removed or the input had no tokens.
   */
  static void addSummary(
      ObjectNode body,
      int originalTokens,
      int compressedTokens,
      CompressionParameters parameters,
      String compressor,
      List<String> warnings) {
    body.put("original_tokens", originalTokens);
    body.put("compressed_tokens", compressedTokens);
    body.put("tokens_saved", originalTokens - compressedTokens);
    body.put("compression_ratio", ratio(originalTokens, compressedTokens));
    body.put("model", parameters.model());
    body.put("tokenizer", parameters.counter().tokenizer());
    body.put("compressor", compressor);
    putTenant(body, parameters.tenant().id());
    if (!warnings.isEmpty()) {
      ArrayNode list = body.putArray("warnings");
      warnings.forEach(list::add);
    }
  }

  /**
   * Adds the summary of an answer that the low-savings skip gave: the input's tokens on both sides,
   * {@value #NO_COMPRESSOR} and the one warning {@value #SKIPPED_LOW_EXPECTED_SAVINGS}.
   */
  static void addSkippedSummary(ObjectNode body, int tokens, CompressionParameters parameters) {
    addSummary(
        body, tokens, tokens, parameters, NO_COMPRESSOR, List.of(SKIPPED_LOW_EXPECTED_SAVINGS));
  }

  static void putTenant(ObjectNode body, Optional<String> tenant) {
    if (tenant.isPresent()) {
      body.put("tenant_id", tenant.get());
    } else {
      body.putNull("tenant_id");
    }
  }

  static double ratio(int originalTokens, int compressedTokens) {
    if (compressedTokens >= originalTokens) {
      return 1.0;
    }
    return BigDecimal.valueOf(originalTokens)
        .divide(BigDecimal.valueOf(Math.max(1, compressedTokens)), 4, RoundingMode.HALF_UP)
        .doubleValue();
  }

  /**
   * Adds one entry of {@code sections} per segment of {@code input}: kind, action, both token
   * counts, and {@code start} and {@code end} as Unicode code point offsets into the input.
   *
   * @param applied false when the answer is the input unchanged, so every segment is reported as
   *     preserved
   * @return the entries added, in order
   */
  static List<ObjectNode> sections(
      ArrayNode into,
      String input,
      List<StructuredCompressor.Section> sections,
      boolean applied,
      TokenCounter counter) {
    List<ObjectNode> added = new ArrayList<>(sections.size());
    int utf16 = 0;
    int codePoints = 0;
    for (StructuredCompressor.Section section : sections) {
      codePoints += input.codePointCount(utf16, section.segment().start());
      int start = codePoints;
      codePoints += input.codePointCount(section.segment().start(), section.segment().end());
      utf16 = section.segment().end();

      String source = input.substring(section.segment().start(), section.segment().end());
      int originalTokens = counter.count(source);
      boolean changed = applied && !section.output().equals(source);
      ObjectNode entry = into.addObject();
      entry.put("kind", section.segment().kind().label());
      entry.put("action", applied ? section.action().label() : SegmentAction.PRESERVED.label());
      entry.put("original_tokens", originalTokens);
      entry.put("compressed_tokens", changed ? counter.count(section.output()) : originalTokens);
      entry.put("start", start);
      entry.put("end", codePoints);
      added.add(entry);
    }
    return added;
  }
}
